import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredRecord } from '../records/port.ts';

/** The public site's index reads (docs/access-patterns.md, "The public site"). */

const table = () => tableName(creditTable);

/**
 * Organisations whose name (whole, gsi1; without leading place names, gsi2) starts with `prefix`
 * (normalised): at most `limit` subject ids of each index, in name order, whole-name matches first.
 */
export async function subjectsNamed(prefix: string, limit: number): Promise<{ subjectIds: string[]; more: boolean }> {
  const { partition, prefix: begins } = keys.subjectNamesStartingWith(prefix);
  const byIndex = await Promise.all(
    (['gsi1', 'gsi2'] as const).map(async (index) => {
      const result = await dynamo.send(
        new QueryCommand({
          TableName: table(),
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk AND begins_with(${index}sk, :prefix)`,
          ExpressionAttributeValues: { ':pk': partition, ':prefix': begins },
          ProjectionExpression: 'subjectId',
          Limit: limit + 1,
        }),
      );
      return { ids: (result.Items ?? []).map((i) => i.subjectId as string), more: result.LastEvaluatedKey !== undefined };
    }),
  );
  const unique = [...new Set(byIndex.flatMap((r) => r.ids))];
  return { subjectIds: unique.slice(0, limit), more: unique.length > limit || byIndex.some((r) => r.more) };
}

/** Current copies of a list's records whose last listed day is `from` or later (or that have none), a page at a time. */
export async function listEntries(kind: 'redList' | 'blackList', from: string, limit: number, startKey?: Record<string, unknown>) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :from',
      ExpressionAttributeValues: { ':pk': keys.listEntriesOf(kind), ':from': `${from}#` },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { records: (result.Items ?? []).map((i) => withoutKeys<StoredRecord>(i)), lastKey: result.LastEvaluatedKey };
}
