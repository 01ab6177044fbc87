import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../errors/domain-errors.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys, withoutKeys } from '../storage/keys.ts';
import { queryPages } from '../storage/query-all.ts';
import { usageTable } from '../storage/tables.ts';
import { appendWithLink } from './chain-store.ts';
import { checkContentHash, outcomeContentHash } from './entry-content.ts';
import type { CheckCorrection, CheckLogEntry, CheckOutcome } from './check-log-entry.ts';

const table = () => tableName(usageTable);

/** Attempts of an outcome when another revision of the same check is recorded at the same moment. */
const maxOutcomeAttempts = 5;

/**
 * The check an item holds. `correctedByCases` (a string set of case ids) only guards
 * `markCheckCorrected` against a second entry per case; the check shows `corrections`.
 * `chainPosition` is the check's place in its department's chain, shown by the receipt.
 */
function entryOf(item: Record<string, unknown>): CheckLogEntry {
  const { correctedByCases: _cases, chainPosition: _position, ...entry } = withoutKeys<CheckLogEntry & { correctedByCases?: unknown; chainPosition?: unknown }>(item);
  return entry;
}

/**
 * Writes a check to the usage log with the next link of its department's chain, in one transaction
 * (shared/checks/); the item keeps its position (`chainPosition`, covered by its content hash). With
 * an idempotency key, a repeated check returns the first one.
 */
export async function logCheck(entry: CheckLogEntry): Promise<{ entry: CheckLogEntry; repeated: boolean }> {
  const appended = await appendWithLink({
    orgId: entry.departmentOrgId,
    kind: 'check',
    checkId: entry.checkId,
    at: entry.checkedAt,
    entry: (position) => {
      const item = {
        ...usageKeys.check(entry.checkId),
        ...usageKeys.checksByDepartment(entry.departmentOrgId, entry.checkedOn, entry.checkedAt, entry.checkId),
        ...usageKeys.checksOfSubject(entry.subject.id, entry.checkedOn, entry.checkedAt, entry.checkId),
        ...entry,
        chainPosition: position,
      };
      return {
        write: { Put: { TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        contentHash: checkContentHash(withoutKeys(item)),
      };
    },
  });
  if (appended.outcome === 'appended') return { entry, repeated: false };
  return { entry: (await getCheck(entry.checkId))!, repeated: true };
}

export async function getCheck(checkId: string): Promise<CheckLogEntry | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.check(checkId), ConsistentRead: true }));
  return result.Item ? entryOf(result.Item) : undefined;
}

/**
 * Records the outcome, only for the department that ran the check; answers what stood in the way otherwise.
 * Each revision is a link of the department's chain, written in one transaction with the update, which is
 * conditional on the department and on the revision read (a revision recorded meanwhile: read again).
 */
export async function saveOutcome(checkId: string, departmentOrgId: string, outcome: CheckOutcome): Promise<'saved' | 'notFound' | 'notYours'> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await getCheck(checkId);
    if (!current) return 'notFound';
    if (current.departmentOrgId !== departmentOrgId) return 'notYours';
    const previous = current.outcomeRevision ?? 0;
    const revision = previous + 1;
    const appended = await appendWithLink({
      orgId: departmentOrgId,
      kind: 'outcome',
      checkId,
      at: outcome.recordedAt,
      entry: () => ({
        write: {
          Update: {
            TableName: table(),
            Key: usageKeys.check(checkId),
            UpdateExpression: 'SET outcome = :outcome, outcomeRevision = :revision',
            ConditionExpression: `departmentOrgId = :org AND ${previous === 0 ? 'attribute_not_exists(outcomeRevision)' : 'outcomeRevision = :previous'}`,
            ExpressionAttributeValues: { ':outcome': outcome, ':org': departmentOrgId, ':revision': revision, ...(previous === 0 ? {} : { ':previous': previous }) },
          },
        },
        contentHash: outcomeContentHash(outcome, revision),
      }),
    });
    if (appended.outcome === 'appended') return 'saved';
    if (attempt >= maxOutcomeAttempts) throw conflict(`the outcome of check ${checkId} was being revised at the same time: try again`);
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
