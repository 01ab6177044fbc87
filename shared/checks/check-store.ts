import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../storage/clients.ts';
import { usageKeys, withoutKeys } from '../storage/keys.ts';
import { queryPages } from '../storage/query-all.ts';
import { usageTable } from '../storage/tables.ts';
import type { CheckCorrection, CheckLogEntry, CheckOutcome } from './check-log-entry.ts';

const table = () => tableName(usageTable);

/**
 * The check an item holds. `correctedByCases` (a string set of case ids) only guards
 * `markCheckCorrected` against a second entry per case; the check shows `corrections`.
 */
function entryOf(item: Record<string, unknown>): CheckLogEntry {
  const { correctedByCases: _cases, ...entry } = withoutKeys<CheckLogEntry & { correctedByCases?: unknown }>(item);
  return entry;
}

/** Writes a check to the usage log; with an idempotency key, a repeated check returns the first one. */
export async function logCheck(entry: CheckLogEntry): Promise<{ entry: CheckLogEntry; repeated: boolean }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...usageKeys.check(entry.checkId),
          ...usageKeys.checksByDepartment(entry.departmentOrgId, entry.checkedOn, entry.checkedAt, entry.checkId),
          ...usageKeys.checksOfSubject(entry.subject.id, entry.checkedOn, entry.checkedAt, entry.checkId),
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { entry, repeated: false };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { entry: (await getCheck(entry.checkId))!, repeated: true };
  }
}

export async function getCheck(checkId: string): Promise<CheckLogEntry | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.check(checkId), ConsistentRead: true }));
  return result.Item ? entryOf(result.Item) : undefined;
}

/** Records the outcome, only for the department that ran the check; answers what stood in the way otherwise. */
export async function saveOutcome(checkId: string, departmentOrgId: string, outcome: CheckOutcome): Promise<'saved' | 'notFound' | 'notYours'> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: usageKeys.check(checkId),
        UpdateExpression: 'SET outcome = :outcome, outcomeRevision = if_not_exists(outcomeRevision, :zero) + :one',
        ConditionExpression: 'attribute_exists(pk) AND departmentOrgId = :org',
        ExpressionAttributeValues: { ':outcome': outcome, ':org': departmentOrgId, ':zero': 0, ':one': 1 },
      }),
    );
    return 'saved';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getCheck(checkId)) ? 'notYours' : 'notFound';
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
