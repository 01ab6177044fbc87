import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { listChecks, type CheckLogEntry } from '../checks/port.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredMatter } from './matter-handled.ts';

/** DynamoDB adapter of matters handled (办件): one MATTER item per department and case number, by decision day (gsi1). */
const table = () => tableName(creditTable);

type MatterFields = Omit<StoredMatter, 'firstReportedAt' | 'revision'>;

/**
 * Stores a matter, or updates the one stored under its department and case number: one item per key, written by
 * one UpdateItem, so a retry or two reports at once never make two (the last write holds; `revision` counts
 * them, `firstReportedAt` stays). Answers whether it was new.
 */
export async function putMatter(m: MatterFields): Promise<{ matter: StoredMatter; created: boolean }> {
  const item: Record<string, unknown> = { ...keys.mattersHandledByDay(m.departmentOrgId, m.decidedOn, m.reference), ...m };
  const set = Object.keys(item);
  const removable = (['decision', 'checkId', 'system'] as const).filter((k) => m[k] === undefined);
  const names: Record<string, string> = Object.fromEntries([...set, ...removable, 'firstReportedAt', 'revision'].map((k) => [`#${k}`, k]));
  const values: Record<string, unknown> = Object.fromEntries(set.map((k) => [`:${k}`, item[k]]));
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.matterHandled(m.departmentOrgId, m.reference),
      UpdateExpression:
        `SET ${set.map((k) => `#${k} = :${k}`).join(', ')}, #firstReportedAt = if_not_exists(#firstReportedAt, :reportedAt) ADD #revision :one` +
        (removable.length ? ` REMOVE ${removable.map((k) => `#${k}`).join(', ')}` : ''),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const matter = strip(Attributes!);
  return { matter, created: matter.revision === 1 };
}

export async function getMatter(orgId: string, reference: string): Promise<StoredMatter | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.matterHandled(orgId, reference), ConsistentRead: true }));
  return Item ? strip(Item) : undefined;
}

/** The department's matters decided between two days (one key range of gsi1, every page), by decision day. */
export async function mattersDecidedBetween(orgId: string, fromDay: string, toDay: string): Promise<StoredMatter[]> {
  const range = keys.mattersHandledBetween(orgId, fromDay, toDay);
  const { items } = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': range.gsi1pk, ':from': range.from, ':to': range.to },
  });
  return items.map(strip);
}

/** The department's checks logged between two days, every page (through the checks port: the usage log's gsi1 range). */
export async function checksLoggedBetween(orgId: string, fromDay: string, toDay: string): Promise<CheckLogEntry[]> {
  const entries: CheckLogEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listChecks(orgId, fromDay, toDay, 1000, startKey);
    entries.push(...page.entries);
    startKey = page.lastKey;
  } while (startKey);
  return entries;
}

const strip = (item: Record<string, unknown>): StoredMatter => withoutKeys<StoredMatter>(item);
