import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredCommitment } from './commitment.ts';

/** DynamoDB adapter of commitments: one COMMITMENT item each, by department (gsi1) and, while open, by due day (gsi2). */
const table = () => tableName(creditTable);

/** Stores a commitment once; a retry of the check that took it finds it (`existing`). */
export async function putCommitment(c: StoredCommitment): Promise<{ stored: StoredCommitment; existing: boolean }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.commitment(c.recordId), ...keys.commitmentsByDepartment(c.departmentOrgId, c.dueDate, c.recordId), ...keys.openCommitmentsByDueDay(c.dueDate, c.recordId), ...c },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { stored: c, existing: false };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { stored: (await getCommitment(c.recordId))!, existing: true };
  }
}

export async function getCommitment(recordId: string): Promise<StoredCommitment | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.commitment(recordId), ConsistentRead: true }));
  return Item ? strip(Item) : undefined;
}

export async function departmentCommitments(orgId: string): Promise<StoredCommitment[]> {
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.commitmentsOfDepartment(orgId) } });
  return items.map(strip);
}

/** Open commitments due on or before `lastDay`: one query of the sparse open index, oldest due first. */
export async function openCommitmentsDueBy(lastDay: string): Promise<StoredCommitment[]> {
  const { items } = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :last',
    ExpressionAttributeValues: { ':pk': keys.openCommitments, ':last': `${lastDay}#\uffff` },
  });
  return items.map(strip);
}

/** Every open commitment (the credit office's view across departments). */
export async function allOpenCommitments(): Promise<StoredCommitment[]> {
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.openCommitments } });
  return items.map(strip);
}

/** Records the result once: only an open commitment takes one; it leaves the open index. `undefined` when it was no longer open. */
export async function storeResult(recordId: string, state: 'fulfilled' | 'breached', result: NonNullable<StoredCommitment['result']>): Promise<StoredCommitment | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.commitment(recordId),
        UpdateExpression: 'SET #state = :state, #result = :result REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#state = :open',
        ExpressionAttributeNames: { '#state': 'state', '#result': 'result' },
        ExpressionAttributeValues: { ':state': state, ':result': result, ':open': 'open' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Marks a follow-up step done on a day (`remindedOn`, `overdueNoticeOn`), once. */
export async function markFollowUp(recordId: string, field: 'remindedOn' | 'overdueNoticeOn', day: string): Promise<void> {
  await dynamo
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.commitment(recordId),
        UpdateExpression: 'SET #f = :day',
        ConditionExpression: 'attribute_not_exists(#f) AND #state = :open',
        ExpressionAttributeNames: { '#f': field, '#state': 'state' },
        ExpressionAttributeValues: { ':day': day, ':open': 'open' },
      }),
    )
    .catch((error: Error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

function strip(item: Record<string, unknown>): StoredCommitment {
  const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, gsi2pk: _e, gsi2sk: _f, ...c } = item;
  return c as unknown as StoredCommitment;
}
