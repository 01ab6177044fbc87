import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamo-client.ts';

/** Every page of a query, in order: a query answers at most 1 MB at a time. */
export async function* queryPages(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<QueryCommandOutput> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** All items of a query, every page, with the items DynamoDB read for them and the requests it took. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<{ items: Record<string, unknown>[]; itemsRead: number; requests: number }> {
  const items: Record<string, unknown>[] = [];
  let itemsRead = 0;
  let requests = 0;
  for await (const page of queryPages(input)) {
    items.push(...(page.Items ?? []));
    itemsRead += page.ScannedCount ?? page.Items?.length ?? 0;
    requests += 1;
  }
  return { items, itemsRead, requests };
}
