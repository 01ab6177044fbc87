import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { listChecks, type CheckLogEntry } from '../checks/port.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys, withoutKeys } from '../storage/keys.ts';
import { queryAll, queryPages } from '../storage/query-all.ts';
import { batchPutItems } from '../storage/batch-items.ts';
import { usageTable } from '../storage/tables.ts';
import type { UsageListRow } from './usage-list.ts';
import type { UsageListDraft, UsageListSubmission } from './usage-list-submission.ts';

/** DynamoDB adapter of usage lists, in the usage log table beside the checks they list (docs/access-patterns.md). */
const table = () => tableName(usageTable);

/** Rows per stored part are bounded by size (an item holds at most 400 KB). */
const maxPartBytes = 300_000;

/** Every check a department ran on the days `from`..`to`, oldest first (gsi1, every page). */
export async function checksOfDepartment(orgId: string, from: string, to: string): Promise<CheckLogEntry[]> {
  const checks: CheckLogEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listChecks(orgId, from, to, 1000, startKey);
    checks.push(...page.entries);
    startKey = page.lastKey;
  } while (startKey);
  return checks;
}

/** A new snapshot id for a revision: unique per attempt, so two racing submissions never write each other's rows. */
export const revisionSnapshotId = (revision: number): string => `r${revision}-${randomUUID().slice(0, 8)}`;
export const draftSnapshotId = 'draft';

/** Writes the rows of a snapshot in parts; answers the number of parts (at least one, possibly empty). */
export async function writeRows(orgId: string, period: string, snapshotId: string, rows: readonly UsageListRow[]): Promise<number> {
  const parts: UsageListRow[][] = [[]];
  let size = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row));
    if (size + bytes > maxPartBytes && parts[parts.length - 1]!.length) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1]!.push(row);
    size += bytes;
  }
  const items = parts.map((part, i) => ({ ...usageKeys.usageListRows(orgId, period, snapshotId, i + 1), rows: part }));
  await batchPutItems(table(), items);
  return items.length;
}

/** The rows of a snapshot, in order. */
export async function readRows(orgId: string, period: string, snapshotId: string): Promise<UsageListRow[]> {
  const rows: UsageListRow[] = [];
  for await (const page of queryPages({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': usageKeys.usageListPartition(orgId, period), ':prefix': usageKeys.usageListRowsPrefix(snapshotId) },
    ConsistentRead: true,
  })) {
    for (const item of page.Items ?? []) rows.push(...(item.rows as UsageListRow[]));
  }
  return rows;
}

/**
 * Stores a revision and moves the latest pointer to it, in one transaction: the revision only if new,
 * the pointer only if absent (revision 1) or still at the revision before. `stale` with the pointer as
 * it stands when another submission got there first (of two first submissions at once, one is stored).
 */
export async function saveRevision(submission: UsageListSubmission): Promise<{ outcome: 'saved' } | { outcome: 'stale'; latest: UsageListSubmission | undefined }> {
  const { orgId, period, revision } = submission;
  const latestCondition =
    revision === 1
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'revision = :previous', ExpressionAttributeValues: { ':previous': revision - 1 } };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table(), Item: { ...usageKeys.usageListRevision(orgId, period, revision), type: 'usageListRevision', ...submission }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: table(),
                Item: { ...usageKeys.usageListLatest(orgId, period), ...usageKeys.usageListsOfPeriod(period, orgId), type: 'usageListLatest', ...submission },
                ...latestCondition,
              },
            },
          ],
        }),
      );
      return { outcome: 'saved' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const conflictOnly = (error.CancellationReasons ?? []).every((r) => r.Code === 'None' || r.Code === 'TransactionConflict');
      // Cancelled by a concurrent transaction that has not committed yet: try again, then read who won.
      if (conflictOnly && attempt < 5) {
        await new Promise((r) => setTimeout(r, 20 * attempt));
        continue;
      }
      return { outcome: 'stale', latest: await latestSubmission(orgId, period) };
    }
  }
}

export async function latestSubmission(orgId: string, period: string): Promise<UsageListSubmission | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.usageListLatest(orgId, period), ConsistentRead: true }));
  return Item ? withoutKeys<UsageListSubmission>(Item) : undefined;
}

export async function getRevision(orgId: string, period: string, revision: number): Promise<UsageListSubmission | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.usageListRevision(orgId, period, revision), ConsistentRead: true }));
  return Item ? withoutKeys<UsageListSubmission>(Item) : undefined;
}

/** Stores the period's draft once: false (nothing written) when there is one already. */
export async function saveDraft(draft: UsageListDraft): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...usageKeys.usageListDraft(draft.orgId, draft.period), type: 'usageListDraft', ...draft },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getDraft(orgId: string, period: string): Promise<UsageListDraft | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.usageListDraft(orgId, period), ConsistentRead: true }));
  return Item ? withoutKeys<UsageListDraft>(Item) : undefined;
}

/** The latest submission of every department that submitted `period`, by org id: one query of gsi2, every page. */
export async function submissionsOfPeriod(period: string): Promise<Map<string, UsageListSubmission>> {
  const submissions = new Map<string, UsageListSubmission>();
  const { items } = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': usageKeys.usageListsOfPeriodPartition(period) },
  });
  for (const item of items) {
    const submission = withoutKeys<UsageListSubmission>(item);
    submissions.set(submission.orgId, submission);
  }
  return submissions;
}
