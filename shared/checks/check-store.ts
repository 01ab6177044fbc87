import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../errors/domain-errors.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys, withoutKeys } from '../storage/keys.ts';
import { queryPages } from '../storage/query-all.ts';
import { usageTable } from '../storage/tables.ts';
import { logSignerFromEnv, markEntry, shardOf, type LogMark } from '../usage-log/port.ts';
import { checkEntryBytes, checkEntryId, outcomeEntryBytes, outcomeEntryId } from './entry-content.ts';
import type { CheckCorrection, CheckLogEntry, CheckOutcome } from './check-log-entry.ts';

const table = () => tableName(usageTable);

/** Attempts of an outcome when another revision of the same check is recorded at the same moment. */
const maxOutcomeAttempts = 5;

/**
 * The check an item holds. `correctedByCases` (a string set of case ids) only guards `markCheckCorrected` against
 * a second entry per case; the check shows `corrections`. `log` is the entry's mark in the usage log (`logMarkOf`);
 * `chainPosition` the place of a check logged in the chain that preceded the tree.
 */
function entryOf(item: Record<string, unknown>): CheckLogEntry {
  const { correctedByCases: _cases, chainPosition: _position, log: _log, ...entry } = withoutKeys<CheckLogEntry & { correctedByCases?: unknown; chainPosition?: unknown; log?: unknown }>(item);
  return entry;
}

/** What an entry of the usage log is written with: its mark (leaf and signed promise), and the sparse key that queues it for the sequencer. */
async function logAttributes(args: { countyId: string; org: string; entryId: string; bytes: Buffer; at: string }): Promise<{ mark: LogMark; attributes: Record<string, unknown> }> {
  const mark = await markEntry({ ...args, signer: await logSignerFromEnv() });
  return { mark, attributes: { ...usageKeys.unsequenced(shardOf(args.entryId), args.at, args.entryId), log: mark } };
}

/**
 * Writes a check to the usage log: one PutItem, shared with no other check (docs/usage-log.md). The item carries its
 * entry's mark, the promise of inclusion the check answers with, and the sparse key the sequencer takes it by. With
 * an idempotency key, a repeated check returns the first one and its mark.
 */
export async function logCheck(entry: CheckLogEntry, countyId: string): Promise<{ entry: CheckLogEntry; mark: LogMark | undefined; repeated: boolean }> {
  const { mark, attributes } = await logAttributes({ countyId, org: entry.departmentOrgId, entryId: checkEntryId(entry.checkId), bytes: checkEntryBytes(entry as unknown as Record<string, unknown>), at: entry.checkedAt });
  const item = {
    ...usageKeys.check(entry.checkId),
    ...usageKeys.checksByDepartment(entry.departmentOrgId, entry.checkedOn, entry.checkedAt, entry.checkId),
    ...usageKeys.checksOfSubject(entry.subject.id, entry.checkedOn, entry.checkedAt, entry.checkId),
    ...attributes,
    ...entry,
  };
  try {
    await dynamo.send(new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { entry, mark, repeated: false };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await getCheckItem(entry.checkId);
    return { entry: entryOf(stored!), mark: stored!.log as LogMark | undefined, repeated: true };
  }
}

async function getCheckItem(checkId: string): Promise<Record<string, unknown> | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.check(checkId), ConsistentRead: true }));
  return result.Item;
}

export async function getCheck(checkId: string): Promise<CheckLogEntry | undefined> {
  const item = await getCheckItem(checkId);
  return item ? entryOf(item) : undefined;
}

/** A check as logged, with its mark and its bytes as they read now (the receipt proves these). */
export async function getLoggedCheck(checkId: string): Promise<{ entry: CheckLogEntry; mark: LogMark | undefined; bytes: Buffer } | undefined> {
  const item = await getCheckItem(checkId);
  return item ? { entry: entryOf(item), mark: item.log as LogMark | undefined, bytes: checkEntryBytes(withoutKeys(item)) } : undefined;
}

/** The latest logged revision of a check's outcome, with its mark and bytes as they read now; none before the first. */
export async function getLoggedOutcome(checkId: string, revision: number): Promise<{ outcome: CheckOutcome | null; mark: LogMark | undefined; bytes: Buffer } | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.outcomeRevision(checkId, revision), ConsistentRead: true }));
  if (!result.Item) return undefined;
  const outcome = (result.Item.outcome ?? null) as CheckOutcome | null;
  return { outcome, mark: result.Item.log as LogMark | undefined, bytes: outcomeEntryBytes(result.Item.checkId as string, result.Item.revision as number, result.Item.outcome) };
}

/**
 * Records the outcome, only for the department that ran the check; answers what stood in the way otherwise. Each
 * revision is an entry of the department's log: kept as its own item, written in one transaction with the check's
 * update, which is conditional on the department and on the revision read (a revision recorded meanwhile: read again).
 */
export async function saveOutcome(checkId: string, departmentOrgId: string, outcome: CheckOutcome, countyId: string): Promise<'saved' | 'notFound' | 'notYours'> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await getCheck(checkId);
    if (!current) return 'notFound';
    if (current.departmentOrgId !== departmentOrgId) return 'notYours';
    const previous = current.outcomeRevision ?? 0;
    const revision = previous + 1;
    const { attributes } = await logAttributes({ countyId, org: departmentOrgId, entryId: outcomeEntryId(checkId, revision), bytes: outcomeEntryBytes(checkId, revision, outcome), at: outcome.recordedAt });
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table(),
                Key: usageKeys.check(checkId),
                UpdateExpression: 'SET outcome = :outcome, outcomeRevision = :revision',
                ConditionExpression: `departmentOrgId = :org AND ${previous === 0 ? 'attribute_not_exists(outcomeRevision)' : 'outcomeRevision = :previous'}`,
                ExpressionAttributeValues: { ':outcome': outcome, ':org': departmentOrgId, ':revision': revision, ...(previous === 0 ? {} : { ':previous': previous }) },
              },
            },
            { Put: { TableName: table(), Item: { ...usageKeys.outcomeRevision(checkId, revision), ...attributes, checkId, revision, outcome }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (!(error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) throw error;
      if (attempt >= maxOutcomeAttempts) throw conflict(`the outcome of check ${checkId} was being revised at the same time: try again`);
    }
  }
}

export async function listChecks(departmentOrgId: string, fromDay: string, toDay: string, limit: number, startKey?: Record<string, unknown>) {
  const range = usageKeys.checksByDepartmentBetween(departmentOrgId, fromDay, toDay);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': range.gsi1pk, ':from': range.from, ':to': range.to },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { entries: (result.Items ?? []).map(entryOf), lastKey: result.LastEvaluatedKey };
}

/** Every check of a subject, oldest first, page by page (gsi2: eventually consistent, like any index). */
export async function* checksOfSubject(subjectId: string): AsyncGenerator<CheckLogEntry> {
  const { gsi2pk } = usageKeys.checksOfSubjectPrefix(subjectId);
  for await (const page of queryPages({ TableName: table(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': gsi2pk } }))
    for (const item of page.Items ?? []) yield entryOf(item);
}

/**
 * Appends a correction to a check, once per case: the case id joins the set `correctedByCases` in
 * the same update, under the condition that it is not there yet, so a retried invocation adds nothing.
 */
export async function saveCheckCorrection(checkId: string, correction: CheckCorrection): Promise<'marked' | 'alreadyMarked' | 'notFound'> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: usageKeys.check(checkId),
        UpdateExpression: 'SET corrections = list_append(if_not_exists(corrections, :empty), :entry) ADD correctedByCases :cases',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(correctedByCases, :caseId)',
        ExpressionAttributeValues: { ':empty': [], ':entry': [correction], ':cases': new Set([correction.caseId]), ':caseId': correction.caseId },
      }),
    );
    return 'marked';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getCheck(checkId)) ? 'alreadyMarked' : 'notFound';
  }
}
