import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import { recordChangeItem, type StoredRecord } from '../records/port.ts';
import { answerableStates, evidenceStates, type CaseAnswer, type CaseEvent, type CaseState, type Evidence, type StoredCase } from './case.ts';

/**
 * Persistence of objection and repair cases. A case and what it does to its record are written in one
 * transaction: raising it marks the record (one open case per record), closing it applies the answer.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const table = () => tableName(creditTable);

/** A case as stored: its item, its provider queue entry, its place among the cases in its state, and (while open) among open cases. */
const caseItem = (c: StoredCase) => ({
  ...keys.verificationCase(c.caseId),
  ...keys.casesByProvider(c.providerOrgId, c.raisedAt, c.caseId),
  ...keys.casesInState(c.state, c.raisedAt, c.caseId),
  type: 'case',
  ...c,
});

/** Every change of a case's state moves its entry in the state index with it: an update's SET clause and values. */
function stateEntry(caseId: string, state: CaseState, at: string) {
  const { gsi3pk, gsi3sk } = keys.casesInState(state, at, caseId);
  return { set: 'gsi3pk = :statePk, gsi3sk = :stateSk', values: { ':statePk': gsi3pk, ':stateSk': gsi3sk } };
}

/** The record's latest version and the subject's current copy change together: both carry the case. */
function recordUpdates(record: StoredRecord, update: { set: Record<string, unknown>; remove?: string[]; condition: string; values?: Record<string, unknown> }): TransactItem[] {
  const names: Record<string, string> = { '#lifecycle': 'lifecycle' };
  const values: Record<string, unknown> = { ...update.values };
  const sets = Object.entries(update.set).map(([field, value], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', update.remove?.length ? `REMOVE ${update.remove.join(', ')}` : ''].join(' ').trim();
  const item = (Key: Record<string, unknown>, ConditionExpression: string): TransactItem => ({
    Update: { TableName: table(), Key, UpdateExpression: expression, ConditionExpression, ...usedPlaceholders(`${expression} ${ConditionExpression}`, names, values) },
  });
  return [
    item(keys.subjectRecord(record.subjectId, record.recordId), update.condition),
    item(keys.recordVersion(record.recordId, record.version), 'attribute_exists(pk)'),
  ];
}

/** DynamoDB refuses placeholders an expression does not use: keep those it does. */
function usedPlaceholders(expression: string, names: Record<string, string>, values: Record<string, unknown>) {
  const used = (placeholder: string) => new RegExp(`${placeholder}(?![A-Za-z0-9_])`).test(expression);
  const n = Object.fromEntries(Object.entries(names).filter(([k]) => used(k)));
  const v = Object.fromEntries(Object.entries(values).filter(([k]) => used(k)));
  return { ...(Object.keys(n).length ? { ExpressionAttributeNames: n } : {}), ...(Object.keys(v).length ? { ExpressionAttributeValues: v } : {}) };
}

export type RaiseResult = { outcome: 'created'; case: StoredCase } | { outcome: 'existing'; case: StoredCase } | { outcome: 'refused'; record: StoredRecord | undefined };

/**
 * Stores a new case and marks its record, all or nothing, if the record has no open case and is still
 * the version and lifecycle the case was raised on. An objection puts the record under objection (its
 * punishments are suspended from this moment). When another case got there first, that case is returned.
 */
export async function raiseCase(newCase: StoredCase, record: StoredRecord, readCurrent: () => Promise<StoredRecord | undefined>): Promise<RaiseResult> {
  const objection = newCase.caseType === 'objection';
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table(), Item: caseItem(newCase), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: table(), Item: { ...keys.subjectCase(record.subjectId, newCase.caseId), type: 'casePointer', caseId: newCase.caseId, caseType: newCase.caseType, raisedAt: newCase.raisedAt } } },
          ...recordUpdates(record, {
            set: { openCaseId: newCase.caseId, ...(objection ? { lifecycle: 'underObjection', objectionId: newCase.caseId } : {}) },
            condition: 'attribute_exists(pk) AND attribute_not_exists(openCaseId) AND version = :version AND #lifecycle IN (:active, :corrected)',
            values: { ':version': record.version, ':active': 'active', ':corrected': 'corrected' },
          }),
          // The upstream platforms learn that the record is contested (a repair changes nothing until decided).
          ...(objection ? [recordChangeItem(record, 'objectionRaised', 'underObjection', newCase.raisedAt, newCase.caseId)] : []),
        ],
      }),
    );
    return { outcome: 'created', case: newCase };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const current = await readCurrent();
    if (current?.openCaseId) {
      const existing = await getCase(current.openCaseId);
      if (existing) return { outcome: 'existing', case: existing };
    }
    return { outcome: 'refused', record: current };
  }
}

export async function getCase(caseId: string): Promise<StoredCase | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.verificationCase(caseId), ConsistentRead: true }));
  return result.Item ? withoutKeys<StoredCase>(result.Item) : undefined;
}

const historyAppend = 'history = list_append(history, :event)';

/** Opens the case in the workflow: the answer day, the execution, and its place among open cases. */
export async function markOpened(caseId: string, answerBy: string, executionArn: string, event: CaseEvent): Promise<StoredCase> {
  const result = await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.verificationCase(caseId),
      // A retried task finds the case already open: the first opening stands.
      UpdateExpression: `SET answerBy = if_not_exists(answerBy, :answerBy), executionArn = :arn, gsi2pk = :open, gsi2sk = if_not_exists(gsi2sk, :due), ${historyAppend}`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answerBy)',
      ExpressionAttributeValues: { ':answerBy': answerBy, ':arn': executionArn, ':open': keys.openCases, ':due': keys.openCasesByAnswerDay(answerBy, caseId).gsi2sk, ':event': [event] },
      ReturnValues: 'ALL_NEW',
    }),
  ).catch(async (error) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { Attributes: (await dynamo.send(new GetCommand({ TableName: table(), Key: keys.verificationCase(caseId), ConsistentRead: true }))).Item };
  });
  if (!result.Attributes) throw new Error(`case ${caseId} does not exist`);
  return withoutKeys<StoredCase>(result.Attributes);
}

/**
 * Keeps the workflow's current task token with the case (never logged, never shown). Returns the case,
 * so that the caller can answer at once a case whose answer arrived while no token was waiting.
 */
export async function storeTaskToken(caseId: string, taskToken: string): Promise<StoredCase | undefined> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.verificationCase(caseId),
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: 'attribute_exists(pk) AND #state IN (:verifying, :overdue, :answered)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':token': taskToken, ':verifying': 'verifying', ':overdue': 'overdue', ':answered': 'answered' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ? withoutKeys<StoredCase>(result.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export async function readTaskToken(caseId: string): Promise<string | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.verificationCase(caseId), ConsistentRead: true, ProjectionExpression: 'taskToken' }));
  return result.Item?.taskToken as string | undefined;
}

/** Stores the provider's answer once, while the case is answerable: of two answers at once, one wins. */
export async function storeAnswer(caseId: string, answer: CaseAnswer, event: CaseEvent): Promise<'stored' | 'notAnswerable'> {
  const entry = stateEntry(caseId, 'answered', event.at);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.verificationCase(caseId),
        UpdateExpression: `SET answer = :answer, #state = :answered, ${entry.set}, ${historyAppend}`,
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(answer) AND #state IN (${answerableStates.map((_, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':answer': answer, ':answered': 'answered', ':event': [event], ...entry.values, ...Object.fromEntries(answerableStates.map((s, i) => [`:s${i}`, s])) },
      }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'notAnswerable';
    throw error;
  }
}

/**
 * Adds evidence to a case not yet answered, if it then holds at most `maxFiles`: one conditional update, so
 * that an answer or another addition arriving at once cannot let a file in after the answer or past the
 * limit. Answers the case as it now is, or undefined when the condition refused (the caller reads why).
 */
export async function appendEvidence(caseId: string, evidence: Evidence[], event: CaseEvent, maxFiles: number): Promise<StoredCase | undefined> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.verificationCase(caseId),
        UpdateExpression: `SET evidence = list_append(evidence, :files), ${historyAppend}`,
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(answer) AND #state IN (${evidenceStates.map((_, i) => `:s${i}`).join(', ')}) AND size(evidence) <= :room`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':files': evidence, ':event': [event], ':room': maxFiles - evidence.length, ...Object.fromEntries(evidenceStates.map((s, i) => [`:s${i}`, s])) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ? withoutKeys<StoredCase>(result.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Adds an event to the history; with `move`, also moves the case to `to`, only from a state in `from`. Answers whether it wrote. */
export async function recordEvent(caseId: string, event: CaseEvent, move?: { from: readonly CaseState[]; to: CaseState }): Promise<boolean> {
  const entry = move && stateEntry(caseId, move.to, event.at);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.verificationCase(caseId),
        UpdateExpression: `SET ${historyAppend}${entry ? `, #state = :to, ${entry.set}` : ''}`,
        ConditionExpression: move ? `attribute_exists(pk) AND #state IN (${move.from.map((_, i) => `:f${i}`).join(', ')})` : 'attribute_exists(pk)',
        ...(move ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
        ExpressionAttributeValues: { ':event': [event], ...(move && entry ? { ':to': move.to, ...entry.values, ...Object.fromEntries(move.from.map((s, i) => [`:f${i}`, s])) } : {}) },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Claims the case's next execution (its ARN and number) before it is started, on condition that no one
 * claimed one since `c` was read and that the case is in a state of `from`; with `to`, moves it there too.
 * Of an answer and the reconciliation taking up a case at once, one claims, so one execution starts.
 */
export async function claimExecution(
  c: StoredCase,
  next: { executionArn: string; executions: number },
  event: CaseEvent,
  move: { from: readonly CaseState[]; to?: CaseState },
): Promise<boolean> {
  const entry = move.to && stateEntry(c.caseId, move.to, event.at);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.verificationCase(c.caseId),
        UpdateExpression: `SET executionArn = :arn, executions = :n, ${historyAppend}${entry ? `, #state = :to, ${entry.set}` : ''}`,
        ConditionExpression:
          `attribute_exists(pk) AND ${c.executions === undefined ? 'attribute_not_exists(executions)' : 'executions = :previous'}` +
          ` AND #state IN (${move.from.map((_, i) => `:f${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':arn': next.executionArn,
          ':n': next.executions,
          ':event': [event],
          ...(c.executions === undefined ? {} : { ':previous': c.executions }),
          ...(entry ? { ':to': move.to, ...entry.values } : {}),
          ...Object.fromEntries(move.from.map((s, i) => [`:f${i}`, s])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Applies an answered case's answer to its record in one transaction: the record changes (`recordItems`,
 * built by the caller), the case records what was applied, leaves the open-cases index and drops its task
 * token. The case stays `answered` until the subject is told (`closeCase`). Answers `alreadyApplied`
 * when a retry finds the work done.
 */
export async function applyAnswer(
  c: StoredCase,
  applied: NonNullable<StoredCase['applied']>,
  recordItems: TransactItem[],
  event: CaseEvent,
): Promise<'applied' | 'alreadyApplied'> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table(),
              Key: keys.verificationCase(c.caseId),
              UpdateExpression: `SET applied = :applied, ${historyAppend} REMOVE taskToken, gsi2pk, gsi2sk`,
              ConditionExpression: '#state = :answered AND attribute_not_exists(applied)',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':answered': 'answered', ':applied': applied, ':event': [event] },
            },
          },
          ...recordItems,
        ],
      }),
    );
    return 'applied';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    if ((await getCase(c.caseId))?.applied) return 'alreadyApplied';
    throw error;
  }
}

/**
 * Record changes when a case closes without a new version: the record leaves the case (and its objection), with a
 * lifecycle; a revocation, a repair or an objection resolved is a change the upstream platforms are told of (a
 * repair refused changes nothing they hold).
 */
export function releaseRecord(record: StoredRecord, caseId: string, lifecycle: StoredRecord['lifecycle'], at: string, extra: Record<string, unknown> = {}): TransactItem[] {
  const change = lifecycle === 'revoked' ? 'revoked' : lifecycle === 'repaired' ? 'repaired' : record.lifecycle === 'underObjection' ? 'objectionResolved' : undefined;
  return [
    ...recordUpdates(record, {
      set: { lifecycle, ...extra },
      remove: ['openCaseId', 'objectionId'],
      condition: 'openCaseId = :case',
      values: { ':case': caseId },
    }),
    ...(change ? [recordChangeItem(record, change, lifecycle, at, caseId)] : []),
  ];
}

/** Marks a case stuck unless it closed meanwhile; answers whether it did. */
export async function markStuck(caseId: string, stuck: NonNullable<StoredCase['stuck']>, event: CaseEvent): Promise<boolean> {
  const entry = stateEntry(caseId, 'stuck', event.at);
  return dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.verificationCase(caseId),
      UpdateExpression: `SET #state = :stuck, stuck = :info, ${entry.set}, ${historyAppend} REMOVE taskToken`,
      ConditionExpression: 'attribute_exists(pk) AND #state <> :closed',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':stuck': 'stuck', ':closed': 'closed', ':info': stuck, ':event': [event], ...entry.values },
    }),
  ).then(
    () => true,
    (error) => {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    },
  );
}

/** A page of cases from one of the case indexes: a provider's (gsi1), the open ones (gsi2), those in one state (gsi3). */
export async function queryCases(query: { index: 'gsi1' | 'gsi2' | 'gsi3'; pk: string; limit: number; startKey?: Record<string, unknown>; newestFirst?: boolean }) {
  const pkName = `${query.index}pk`;
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: query.index,
      KeyConditionExpression: `${pkName} = :pk`,
      ExpressionAttributeValues: { ':pk': query.pk },
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return { cases: (result.Items ?? []).map((i) => withoutKeys<StoredCase>(i)), lastKey: result.LastEvaluatedKey };
}

/**
 * The cases in `state` that entered it before `before` (and, with `since`, not before `since`), oldest
 * first, every page: one key range of the state index. Index entries lag a moment behind the case:
 * callers read the case again before acting on it.
 */
export async function* casesInState(state: CaseState, range: { before: string; since?: string }): AsyncGenerator<StoredCase> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi3',
        KeyConditionExpression: range.since ? 'gsi3pk = :pk AND gsi3sk BETWEEN :since AND :before' : 'gsi3pk = :pk AND gsi3sk < :before',
        ExpressionAttributeValues: { ':pk': keys.casesInStatePartition(state), ':before': range.before, ...(range.since ? { ':since': range.since } : {}) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield withoutKeys<StoredCase>(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** The subject's cases: the pointers in its partition, then the cases themselves. */
export async function casesOfSubject(subjectId: string): Promise<StoredCase[]> {
  const pointers = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.subjectPartition(subjectId), ':prefix': keys.subjectCasePrefix },
    }),
  );
  const ids = (pointers.Items ?? []).map((p) => p.caseId as string);
  const cases: StoredCase[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [table()]: { Keys: ids.slice(i, i + 100).map((id) => keys.verificationCase(id)) } };
    while (request && Object.keys(request).length) {
      const page = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      cases.push(...(page.Responses?.[table()] ?? []).map((item) => withoutKeys<StoredCase>(item)));
      request = page.UnprocessedKeys as typeof request;
    }
  }
  return cases.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
}
