import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../shared/storage/tables.ts';

/** The CreateTable input for a table definition: the same key schema, indexes and TTL as the stack's. */
export function createTableInput(table: TableDefinition, tableName: string) {
  const attributes = new Set([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: table.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: table.indexes.length ? table.indexes.map(indexInput) : undefined,
  };
}

const indexInput = (index: TableDefinition['indexes'][number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * Creates each table that does not exist yet (data kept across restarts stays), and adds to an existing
 * table the indexes its definition gained since it was created (one UpdateTable each, as DynamoDB
 * allows), so an old `.data` folder keeps working. DynamoDB backfills the new index from the items.
 */
export async function ensureTables(client: DynamoDBClient, tables: readonly { table: TableDefinition; name: string }[]): Promise<void> {
  for (const { table, name } of tables) {
    try {
      const { Table: existing } = await client.send(new DescribeTableCommand({ TableName: name }));
      await addMissingIndexes(client, table, name, new Set((existing?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName!)));
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(new CreateTableCommand(createTableInput(table, name)));
    if (table.ttlAttribute)
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }),
      );
  }
}

async function addMissingIndexes(client: DynamoDBClient, table: TableDefinition, name: string, present: Set<string>): Promise<void> {
  for (const index of table.indexes.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
        GlobalSecondaryIndexUpdates: [{ Create: indexInput(index) }],
      }),
    );
    for (let attempt = 0; ; attempt += 1) {
      const { Table: described } = await client.send(new DescribeTableCommand({ TableName: name }));
      const status = described?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.name)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (attempt >= 600) throw new Error(`index ${index.name} of ${name} did not become active (${status ?? 'missing'})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
