import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { FilingUpload, StoredFiling } from './filing.ts';

/** DynamoDB adapter of narrative filings (docs/access-patterns.md, "Narrative filings"). */
const table = () => tableName(creditTable);
/** An announced upload never confirmed is forgotten after a week (TTL); its object stays, unreferenced. */
const uploadTtlSeconds = 7 * 24 * 3600;

export async function putUpload(upload: FilingUpload): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.filingUpload(upload.uploadId), type: 'filingUpload', ...upload, expiresAt: Math.floor(Date.parse(upload.createdAt) / 1000) + uploadTtlSeconds },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getUpload(uploadId: string): Promise<FilingUpload | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.filingUpload(uploadId), ConsistentRead: true }));
  return Item ? withoutKeys<FilingUpload>(Item) : undefined;
}

/** Marks an upload filed, once: false when it was already (a document answers one filing). */
export async function markUploadFiled(uploadId: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.filingUpload(uploadId),
        UpdateExpression: 'SET #state = :filed REMOVE expiresAt',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':filed': 'filed', ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Puts the upload back to pending when the revision could not be stored (so the department may try again). */
export async function markUploadPending(uploadId: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({ TableName: table(), Key: keys.filingUpload(uploadId), UpdateExpression: 'SET #state = :pending', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':pending': 'pending' } }),
  );
}

export async function latestFiling(orgId: string, kind: string, period: string): Promise<StoredFiling | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.filingLatest(orgId, kind, period), ConsistentRead: true }));
  return Item ? withoutKeys<StoredFiling>(Item) : undefined;
}

export async function getRevision(orgId: string, kind: string, period: string, revision: number): Promise<StoredFiling | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.filingRevision(orgId, kind, period, revision), ConsistentRead: true }));
  return Item ? withoutKeys<StoredFiling>(Item) : undefined;
}

/**
 * Stores a revision and moves the latest pointer to it in one transaction: the revision only if new, the pointer
 * only if absent (revision 1) or still at the revision before. `stale` when another filing got there first.
 */
export async function saveRevision(filing: StoredFiling): Promise<'saved' | 'stale'> {
  const { orgId, kind, period, revision } = filing;
  const latestCondition =
    revision === 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'revision = :previous', ExpressionAttributeValues: { ':previous': revision - 1 } };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: { ...keys.filingRevision(orgId, kind, period, revision), ...keys.filingsByDepartment(orgId, kind, period, revision), type: 'filingRevision', ...filing },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: table(), Item: { ...keys.filingLatest(orgId, kind, period), ...keys.filingsOfPeriod(kind, period, orgId), type: 'filingLatest', ...filing }, ...latestCondition } },
        ],
      }),
    );
    return 'saved';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'stale';
    throw error;
  }
}

/** Every revision a department filed (gsi1, one query). */
export async function departmentFilings(orgId: string): Promise<StoredFiling[]> {
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.filingsOfDepartment(orgId) } });
  return items.map((i) => withoutKeys<StoredFiling>(i));
}

/** The latest revision of every department that filed a kind's period, by org id (gsi2, one query), with the items read. */
export async function filingsOfPeriod(kind: string, period: string): Promise<{ filings: Map<string, StoredFiling>; itemsRead: number }> {
  const { items, itemsRead } = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.filingsOfPeriodPartition(kind, period) },
  });
  const filings = new Map<string, StoredFiling>();
  for (const item of items) {
    const f = withoutKeys<StoredFiling>(item);
    filings.set(f.orgId, f);
  }
  return { filings, itemsRead };
}
