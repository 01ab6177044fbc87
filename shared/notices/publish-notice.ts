import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { noticesTopicArn, tableName } from '../storage/resource-names.ts';
import { sns } from '../storage/sns-client.ts';
import { keys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';

export interface Notice {
  /** e.g. `calendar-year-missing`, `verification-overdue`. */
  kind: string;
  /**
   * What the notice is about, unique within its kind: it names the addressee and the period or item
   * (`<orgId>#<day>`, `<agencyId>#<reportId>`, a case id, a year), so a notice is published once per
   * (kind, addressee, period or item). Never a resident ID number.
   */
  about: string;
  /** Who must act or is told: a department or agency org id, a subject (a person by the masked ID number), or `creditOffice`. */
  addressee: string;
  /**
   * Where `addressee` is a person's masked ID number: the key of that person's own listing, its person
   * key (the keyed hash its `caller.orgId` is; never the number). Otherwise the addressee is its own key.
   */
  addresseeKey?: string;
  /**
   * A public notice (通报) the credit office publishes about a department or agency (late publication,
   * missing usage lists, expired reports), listed by `GET /public/notices` for the county's listing
   * period, in its public projection (public-notice.ts); it names no subject's code, no ID or report
   * number. Otherwise (the default) it goes to its addressee only: what the public may not read (ended
   * publicity, overdue objections, which report expired) is told to each addressee by a notice of its own.
   */
  public?: boolean;
  title: string;
  text: string;
  /** County-local date of publication. */
  date: string;
}

/**
 * The stored item of a notice: indexed by day (all), by addressee, and (public ones) in the county's
 * public list. Text is masked for resident ID numbers on the way in.
 */
export function noticeItem(notice: Notice, now: Date) {
  const { addresseeKey, ...shown } = notice;
  const publishedAt = now.toISOString();
  return {
    ...keys.notice(notice.kind, notice.about),
    ...keys.noticesByDay(notice.date, notice.kind, notice.about),
    ...keys.noticesByAddressee(addresseeKey ?? notice.addressee, notice.date, publishedAt, notice.kind, notice.about),
    ...(notice.public ? keys.publicNotices(notice.date, publishedAt, notice.kind, notice.about) : {}),
    type: 'notice',
    ...shown,
    public: notice.public ?? false,
    title: maskResidentIdsIn(notice.title),
    text: maskResidentIdsIn(notice.text),
    publishedAt,
  };
}

/**
 * Stores a notice once and sends it to the notices topic. Idempotent per (kind, about): a second
 * publication stores nothing and sends nothing, so scheduled retries and re-runs are safe. A notice
 * stored but not yet sent (the function failed between the two) is sent by the retry.
 */
export async function publishNotice(notice: Notice, now: Date): Promise<{ published: boolean }> {
  const item = noticeItem(notice, now);
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
      Message: JSON.stringify({ kind: item.kind, about: item.about, addressee: item.addressee, public: item.public, title: item.title, text: item.text, date: item.date }),
      MessageAttributes: { kind: { DataType: 'String', StringValue: item.kind } },
    }),
  );
  await dynamo.send(
    new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'SET sentAt = :now', ExpressionAttributeValues: { ':now': now.toISOString() } }),
  );
  return { published: true };
}

/** Publishes each of the notices an event calls for (one per addressee), in order; how many were new. */
export async function publishNotices(notices: readonly Notice[], now: Date): Promise<{ published: number }> {
  let published = 0;
  for (const notice of notices) if ((await publishNotice(notice, now)).published) published += 1;
  return { published };
}
