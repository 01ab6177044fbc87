import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamo-client.ts';

/** Attempts for the items DynamoDB leaves unprocessed (throttled), after pauses that grow. */
const maxAttempts = 8;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));

/**
 * Items of one table by key, 100 a BatchGetItem, the keys DynamoDB leaves unprocessed asked again; an error
 * when some stay unread after `maxAttempts`. Answers the items found (in no particular order).
 */
export async function batchGetItems(
  tableName: string,
  keys: Record<string, unknown>[],
  options: { consistentRead?: boolean; projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let requested: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 1; requested && requested.length > 0; attempt += 1) {
      if (attempt > maxAttempts) throw new Error(`${tableName}: DynamoDB left ${requested.length} keys unread`);
      if (attempt > 1) await pause(attempt);
      const answer = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: requested, ...(options.consistentRead ? { ConsistentRead: true } : {}), ...(options.projection ? { ProjectionExpression: options.projection } : {}) } },
        }),
      );
      found.push(...(answer.Responses?.[tableName] ?? []));
      requested = answer.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
}

/** Puts items into one table, 25 a BatchWriteItem, the unprocessed ones again; an error when some stay unwritten after `maxAttempts`. */
export const batchPutItems = (tableName: string, items: Record<string, unknown>[]): Promise<void> => batchWrite(tableName, items.map((Item) => ({ PutRequest: { Item } })));

/** Deletes items of one table by key, 25 a BatchWriteItem, as `batchPutItems`. */
export const batchDeleteItems = (tableName: string, keys: Record<string, unknown>[]): Promise<void> => batchWrite(tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));

async function batchWrite(tableName: string, writes: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < writes.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = writes.slice(i, i + 25);
    for (let attempt = 1; requests && requests.length > 0; attempt += 1) {
      if (attempt > maxAttempts) throw new Error(`${tableName}: DynamoDB left ${requests.length} items unwritten`);
      if (attempt > 1) await pause(attempt);
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }));
      requests = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  }
}
