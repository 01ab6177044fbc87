/**
 * The local tables follow shared/storage/tables.ts even when a `.data` folder was made by an older
 * version: an index the definition gained is added to the existing table, and its items are indexed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTableInput, ensureTables } from '../../local/dynamodb/create-tables.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb/start-dynamodb-local.ts';
import { creditTable } from '../../shared/storage/tables.ts';

let local: DynamoDbLocal;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal({});
  client = new DynamoDBClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

describe('ensureTables', () => {
  it('adds the indexes an existing table lacks, and indexes the items already stored', async () => {
    const name = 'old-credit-data';
    const older = { ...creditTable, indexes: creditTable.indexes.slice(0, 2) };
    await client.send(new CreateTableCommand(createTableInput(older, name)));
    const documents = DynamoDBDocumentClient.from(client);
    await documents.send(new PutCommand({ TableName: name, Item: { pk: 'A', sk: 'B', gsi3pk: 'DUE#x', gsi3sk: '2026-01-01#a' } }));

    await ensureTables(client, [{ table: creditTable, name }]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(creditTable.indexes.map((i) => i.name).sort());
    const found = await documents.send(
      new QueryCommand({ TableName: name, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': 'DUE#x' } }),
    );
    expect(found.Items).toEqual([expect.objectContaining({ pk: 'A' })]);

    // A second start changes nothing.
    await ensureTables(client, [{ table: creditTable, name }]);
  });
});
