import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { reportsBucketName, tableName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredBulletin } from './bulletin.ts';

const table = () => tableName(creditTable);

const itemOf = (b: StoredBulletin) => ({
  ...keys.bulletin(b.month),
  ...keys.bulletinsByMonth(b.month),
  ...(b.state === 'published' && b.public ? keys.publicBulletinsByMonth(b.month) : {}),
  type: 'bulletin',
  ...b,
});

export async function getBulletin(month: string): Promise<StoredBulletin | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.bulletin(month), ConsistentRead: true }));
  return Item ? withoutKeys<StoredBulletin>(Item) : undefined;
}

/** The first draft of a month: stored once (a second scheduled run or a retry stores nothing). */
export async function putFirstDraft(b: StoredBulletin): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: table(), Item: itemOf(b), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * A change of the bulletin on condition of the version read (the office editing in two tabs, a publish racing an
 * edit): false when someone changed it meanwhile. A published bulletin is never written again.
 */
export async function replaceBulletin(b: StoredBulletin, expectedVersion: number): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: itemOf(b),
        ConditionExpression: '#version = :expected AND #state = :draft',
        ExpressionAttributeNames: { '#version': 'version', '#state': 'state' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':draft': 'draft' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Every bulletin's summary, newest month first (one index partition); `publicOnly` reads the public listing. */
export async function listBulletins(publicOnly = false): Promise<StoredBulletin[]> {
  const out: StoredBulletin[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        IndexName: publicOnly ? 'gsi2' : 'gsi1',
        KeyConditionExpression: publicOnly ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': publicOnly ? keys.publicBulletins : keys.bulletins },
        ProjectionExpression: '#month, #state, version, title, draftedAt, publishedAt, publishedOn, #public, files',
        ExpressionAttributeNames: { '#month': 'month', '#state': 'state', '#public': 'public' },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).map((i) => i as StoredBulletin));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The files of a published revision, written before the item says published (a retry writes the same keys again). */
export async function putBulletinFile(key: string, body: Buffer, contentType: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: reportsBucketName(), Key: key, Body: body, ContentType: contentType }));
}

export async function getBulletinFile(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: reportsBucketName(), Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}
