import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, noticesTopicArn, sns, tableName } from '../storage/clients.ts';
import { keys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';

export interface Notice {
  /** e.g. `calendar-year-missing`, `verification-overdue`. */
  kind: string;
  /** What the notice is about, unique within its kind (a year, a case id, a department and period). */
  about: string;
  /** Who must act: a department or agency org id, or `creditOffice`. */
  addressee: string;
  title: string;
  text: string;
  /** County-local date of publication. */
  date: string;
}

/**
 * Stores a notice once and sends it to the notices topic. Idempotent per (kind, about): a second
 * publication stores nothing and sends nothing, so scheduled retries and re-runs are safe. A notice
 * stored but not yet sent (the function failed between the two) is sent by the retry.
 * Text is masked for resident ID numbers on the way in.
 */
export async function publishNotice(notice: Notice, now: Date): Promise<{ published: boolean }> {
  const item = {
    ...keys.notice(notice.kind, notice.about),
    ...keys.noticesByDay(notice.date, notice.kind, notice.about),
    ...notice,
    title: maskResidentIdsIn(notice.title),
    text: maskResidentIdsIn(notice.text),
    publishedAt: now.toISOString(),
  };
  const table = tableName(creditTable);
  const key = keys.notice(notice.kind, notice.about);
  try {
    await dynamo.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await dynamo.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    if (stored.Item?.sentAt) return { published: false };
  }
  await sns.send(
    new PublishCommand({
      TopicArn: noticesTopicArn(),
      Subject: item.title.slice(0, 99),
      Message: JSON.stringify({ kind: item.kind, about: item.about, addressee: item.addressee, title: item.title, text: item.text, date: item.date }),
      MessageAttributes: { kind: { DataType: 'String', StringValue: item.kind } },
    }),
  );
  await dynamo.send(
    new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'SET sentAt = :now', ExpressionAttributeValues: { ':now': now.toISOString() } }),
  );
  return { published: true };
}
