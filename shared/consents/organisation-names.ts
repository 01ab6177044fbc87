import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';

/** The name of a known organisation, or null. */
export const organisationName = async (orgId: string): Promise<string | null> => (await organisationNames([orgId])).get(orgId) ?? null;

/**
 * The names of the organisations the platform knows among `orgIds` (registered departments, agencies,
 * institutions), by id: one BatchGet per 100 ids. An unknown id is simply absent.
 */
export async function organisationNames(orgIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(orgIds)];
  const table = tableName(creditTable);
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => keys.organisation(id));
    for (let attempt = 0; request?.length && attempt < 5; attempt += 1) {
      const result: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: request, ProjectionExpression: 'orgId, #name', ExpressionAttributeNames: { '#name': 'name' } } } }),
      );
      for (const item of result.Responses?.[table] ?? []) if (typeof item.orgId === 'string' && typeof item.name === 'string') names.set(item.orgId, item.name);
      request = result.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return names;
}
