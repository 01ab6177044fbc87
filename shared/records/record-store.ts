import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isCrisisRecord } from './crisis-record.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { batchGetItems } from '../storage/batch-items.ts';
import { creditTable } from '../storage/tables.ts';
import { publicityEndsOn } from './publicity.ts';
import { firstReceipt, type StoredRecord } from './stored-record.ts';
import { subjectNameIndex } from '../subjects/subject-names.ts';
import { versionChangeItem } from './record-changes.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const table = () => tableName(creditTable);

/** The subject's current copy of a record carries the index keys; the version items are the history. */
export function currentCopy(record: StoredRecord) {
  return {
    ...keys.subjectRecord(record.subjectId, record.recordId),
    ...keys.recordsByProvider(record.providerOrgId, firstReceipt(record).at, record.recordId),
    ...(record.publication?.late ? keys.latePublications(firstReceipt(record).on, record.providerOrgId, record.recordId) : {}),
    ...dueKey(record),
    ...(record.kind === 'redList' || record.kind === 'blackList' ? keys.listEntry(record.kind, record.publicity.publicUntil, record.recordId) : {}),
    type: 'record',
    ...record,
  };
}

/** The day the record leaves public view, in the due-date index (a correction's copy replaces it with its own). */
function dueKey(record: StoredRecord) {
  const endsOn = publicityEndsOn(record.publicity);
  return endsOn ? keys.dueOn('publicity-end', endsOn, record.recordId) : {};
}

function profileUpdate(record: StoredRecord): TransactItem {
  // The public site's name index (an organisation's, by its latest name): set what applies, remove the rest.
  const nameIndex = subjectNameIndex(record);
  const indexAttributes = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
  const set = indexAttributes.filter((a) => nameIndex[a] !== undefined);
  const remove = indexAttributes.filter((a) => nameIndex[a] === undefined);
  return {
    Update: {
      TableName: table(),
      Key: keys.subjectProfile(record.subjectId),
      UpdateExpression: `SET #type = :type, subjectId = :id, subjectType = :st, subjectName = :name, updatedAt = :at${set.map((a) => `, ${a} = :${a}`).join('')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'subject', ':id': record.subjectId, ':st': record.subjectType, ':name': record.subjectName, ':at': record.receivedAt,
        ...Object.fromEntries(set.map((a) => [`:${a}`, nameIndex[a]])),
      },
    },
  };
}

/**
 * The five writes that store version 1 of a record, each put conditional on its key being absent where a
 * second write would be a duplicate: the idempotency key, the version, the subject's current copy and
 * profile, and the change that goes upstream (shared/records/record-changes.ts). `createRecord` sends them alone; a case that publishes a record with its outcome (a repair's
 * credit commitment) sends them in its own transaction.
 */
/** Version 1 of a record, in the crisis index when it is a credit crisis (`keys.crisisRecordsByDay`). */
const firstVersionItem = (record: StoredRecord) => ({
  ...keys.recordVersion(record.recordId, 1),
  ...(isCrisisRecord(record) ? keys.crisisRecordsByDay(record.receivedOn, record.recordId) : {}),
  ...record,
});

export function newRecordItems(record: StoredRecord): TransactItem[] {
  const key = keys.recordKey(record.providerOrgId, record.kind, record.decisionNumber);
  return [
    { Put: { TableName: table(), Item: { ...key, recordId: record.recordId, bodyHash: record.bodyHash }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table(), Item: firstVersionItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table(), Item: currentCopy(record) } },
    profileUpdate(record),
    versionChangeItem(record),
  ];
}

export type CreateResult = { outcome: 'created' | 'existing' | 'conflict'; record: StoredRecord };

/**
 * Stores version 1 of a record, all or nothing: the idempotency key (only if absent), the version, the
 * subject's current copy and profile. If the key exists, the stored record is returned: `existing` when
 * the body is the one first stored (a retry), `conflict` when it differs.
 */
export async function createRecord(record: StoredRecord): Promise<CreateResult> {
  const key = keys.recordKey(record.providerOrgId, record.kind, record.decisionNumber);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: newRecordItems(record) }));
      return { outcome: 'created', record };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const stored = await dynamo.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
      if (stored.Item) {
        const current = await latestVersion(record.recordId);
        return { outcome: stored.Item.bodyHash === record.bodyHash ? 'existing' : 'conflict', record: current! };
      }
      // Cancelled by a concurrent transaction on the same items that has not committed yet: try again.
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/** Records written in one transaction: 4 items each and at most one profile update, DynamoDB's limit being 100 items a transaction. */
const recordsPerTransaction = 20;
/** Transactions of a batch in flight at once. */
const parallelTransactions = 4;

/**
 * Stores version 1 of many records, each all or nothing as `createRecord` does, with far fewer requests: the
 * idempotency keys are read first (BatchGetItem, 100 a request), and the records whose key is absent are
 * written 20 to a transaction (their four items each, one profile update per subject), every put still
 * conditional on its key being absent. A record whose key exists, a decision number repeated in the batch, and
 * every record of a transaction cancelled by a race (a concurrent push of the same number, or of the same
 * subject's profile) take `createRecord`'s path one by one, which tells created, existing and conflict apart.
 * Results are in the order of `records`.
 */
export async function createRecords(records: StoredRecord[]): Promise<CreateResult[]> {
  const results: CreateResult[] = new Array(records.length);
  const keyOf = (r: StoredRecord) => keys.recordKey(r.providerOrgId, r.kind, r.decisionNumber);
  const keysRead = [...new Map(records.map((r) => [keyOf(r).pk, keyOf(r)])).values()];
  const stored = new Map((await batchGetItems(table(), keysRead, { consistentRead: true, projection: 'pk, bodyHash' })).map((item) => [item.pk as string, item.bodyHash as string]));
  const fresh: number[] = [];
  const known: number[] = [];
  const repeated: number[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const pk = keyOf(record).pk;
    if (stored.has(pk)) known.push(index);
    else if (seen.has(pk)) repeated.push(index);
    else fresh.push(index);
    seen.add(pk);
  });
  const groups: number[][] = [];
  for (let i = 0; i < fresh.length; i += recordsPerTransaction) groups.push(fresh.slice(i, i + recordsPerTransaction));
  let next = 0;
  const worker = async () => {
    for (let g = next++; g < groups.length; g = next++) {
      const group = groups[g]!;
      const profiles = new Map(group.map((index) => [records[index]!.subjectId, records[index]!]));
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              ...group.flatMap((index): TransactItem[] => {
                const record = records[index]!;
                return [
                  { Put: { TableName: table(), Item: { ...keyOf(record), recordId: record.recordId, bodyHash: record.bodyHash }, ConditionExpression: 'attribute_not_exists(pk)' } },
                  { Put: { TableName: table(), Item: firstVersionItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
                  { Put: { TableName: table(), Item: currentCopy(record) } },
                  versionChangeItem(record),
                ];
              }),
              ...[...profiles.values()].map(profileUpdate),
            ],
          }),
        );
        for (const index of group) results[index] = { outcome: 'created', record: records[index]! };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        for (const index of group) results[index] = await createRecord(records[index]!);
      }
    }
  };
  // A key stored before this batch: a retry (the same body) or a conflict, told by the stored hash; the record as it is now.
  let nextKnown = 0;
  const readKnown = async () => {
    for (let k = nextKnown++; k < known.length; k = nextKnown++) {
      const record = records[known[k]!]!;
      const current = await latestVersion(record.recordId);
      results[known[k]!] = current ? { outcome: stored.get(keyOf(record).pk) === record.bodyHash ? 'existing' : 'conflict', record: current } : await createRecord(record);
    }
  };
  await Promise.all([
    ...Array.from({ length: Math.min(parallelTransactions, groups.length) }, worker),
    ...Array.from({ length: Math.min(2 * parallelTransactions, known.length) }, readKnown),
  ]);
  // A number repeated in the batch, once its first record is stored: existing or conflict.
  for (const index of repeated) results[index] = await createRecord(records[index]!);
  return results;
}

/**
 * The writes that make `next` the current version of a record whose current version is `previous`:
 * the new version item, the subject's current copy (moved when the correction changed the subject) and
 * profile, on condition that the current copy is still `previous.version` and meets `expect`.
 */
export function correctionItems(previous: StoredRecord, next: StoredRecord, expect?: { condition: string; values: Record<string, unknown> }): TransactItem[] {
  const expectVersion = {
    ConditionExpression: `version = :v${expect ? ` AND ${expect.condition}` : ''}`,
    ExpressionAttributeValues: { ':v': previous.version, ...expect?.values },
  };
  return [
    { Put: { TableName: table(), Item: { ...keys.recordVersion(next.recordId, next.version), ...next }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...(previous.subjectId !== next.subjectId
      ? [
          { Delete: { TableName: table(), Key: keys.subjectRecord(previous.subjectId, previous.recordId), ...expectVersion } },
          { Put: { TableName: table(), Item: currentCopy(next) } },
        ]
      : [{ Put: { TableName: table(), Item: currentCopy(next), ...expectVersion } }]),
    profileUpdate(next),
    versionChangeItem(next),
  ];
}

/**
 * Stores a department's own correction as the next version if the current version is still
 * `previous.version` (optimistic concurrency: of two corrections at once, one wins and the other is
 * told it is stale) and no objection or repair case is open on the record (the case decides then).
 */
export async function storeCorrection(previous: StoredRecord, next: StoredRecord): Promise<'stored' | 'stale'> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: correctionItems(previous, next, { condition: 'attribute_not_exists(openCaseId)', values: {} }) }));
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'stale';
    throw error;
  }
}

const versionQuery = (recordId: string) => {
  const { pk, skPrefix } = keys.recordVersionsOf(recordId);
  return { TableName: table(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix }, ConsistentRead: true };
};

export async function latestVersion(recordId: string): Promise<StoredRecord | undefined> {
  const result = await dynamo.send(new QueryCommand({ ...versionQuery(recordId), ScanIndexForward: false, Limit: 1 }));
  return result.Items?.[0] ? withoutKeys<StoredRecord>(result.Items[0]) : undefined;
}

export async function allVersions(recordId: string): Promise<StoredRecord[]> {
  const result = await dynamo.send(new QueryCommand(versionQuery(recordId)));
  return (result.Items ?? []).map((i) => withoutKeys<StoredRecord>(i));
}

export interface SubjectPartition {
  profile?: { subjectId: string; subjectType: 'uscc' | 'residentId'; subjectName: string };
  records: StoredRecord[];
  /**
   * Credit reports of registered agencies about the subject (`sk = REPORT#…`), whatever their status, as
   * stored: the reports capability reads them (`reportsOf` in its port); records only fetch them in the same query.
   */
  reports: Record<string, unknown>[];
  /**
   * The states of the subject's entries on the national lists (`sk = NATLIST#…`), as stored: the national-lists
   * capability reads them (`nationalListsOfSubject` in its port); records only fetch them in the same query.
   */
  nationalListStates: Record<string, unknown>[];
  /** DynamoDB requests it took (one, unless the partition is larger than a page). */
  requests: number;
}

/**
 * Everything the platform holds about a subject, in one query (following pages if the partition is large).
 * `consistent`: a strongly consistent read (twice the read units), for a check, which reads the subject's national
 * list entries here too: an entry removed a moment ago must not punish.
 */
export async function readSubject(subjectId: string, options: { consistent?: boolean } = {}): Promise<SubjectPartition> {
  const { items, requests } = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.subjectPartition(subjectId) },
    ...(options.consistent ? { ConsistentRead: true } : {}),
  });
  const profile = items.find((i) => i.sk === 'PROFILE') as SubjectPartition['profile'];
  return {
    profile,
    records: items.filter((i) => i.type === 'record').map((i) => withoutKeys<StoredRecord>(i)),
    reports: items.filter((i) => i.type === 'report').map((i) => withoutKeys<Record<string, unknown>>(i)),
    nationalListStates: items.filter((i) => (i.sk as string).startsWith(keys.nationalListEntriesOfSubjectPrefix)).map((i) => withoutKeys<Record<string, unknown>>(i)),
    requests,
  };
}


/** What one page of a department's records may read at most, whatever the filters keep (see `providerRecordsPage`). */
const providerRecordsReadPerPage = 1000;

/**
 * One page of a department's own records, newest received first: the index of its records by first receipt
 * (gsi1, `keys.recordsOfProvider`), between two instants when given. `filter` (a FilterExpression on the
 * current copy) and `keep` (a rule in code, for what depends on today) narrow it after the key range: DynamoDB
 * still reads every record of the range they pass over (the cost is the department's records received in the
 * range, a few KB each, not the matches), so a page stops after reading `providerRecordsReadPerPage` items and
 * hands on a token even when it found fewer than `limit`. The token is the index key of the last record read.
 */
export async function providerRecordsPage(args: {
  orgId: string;
  fromInstant?: string;
  toInstant?: string;
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  keep: (record: StoredRecord) => boolean;
  limit: number;
  startKey?: Record<string, unknown>;
}): Promise<{ records: StoredRecord[]; lastKey?: Record<string, unknown> }> {
  const range =
    args.fromInstant && args.toInstant ? ' AND gsi1sk BETWEEN :from AND :to' : args.fromInstant ? ' AND gsi1sk >= :from' : args.toInstant ? ' AND gsi1sk <= :to' : '';
  const names = { ...args.filter?.names };
  const values = {
    ':pk': keys.recordsOfProvider(args.orgId),
    ...(args.fromInstant ? { ':from': args.fromInstant } : {}),
    // Sort keys are `<instant>#<recordId>`: `to` (an exclusive end, the next day's first instant) sorts below its own keys.
    ...(args.toInstant ? { ':to': args.toInstant } : {}),
    ...args.filter?.values,
  };
  const records: StoredRecord[] = [];
  let startKey = args.startKey;
  let read = 0;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi1',
        KeyConditionExpression: `gsi1pk = :pk${range}`,
        ...(args.filter ? { FilterExpression: args.filter.expression } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: Math.min(providerRecordsReadPerPage - read, Math.max(args.limit * 2, 50)),
        ExclusiveStartKey: startKey,
      }),
    );
    read += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      const record = withoutKeys<StoredRecord>(item);
      if (!args.keep(record)) continue;
      records.push(record);
      if (records.length === args.limit) {
        const lastKey = { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
        return { records, lastKey };
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && read < providerRecordsReadPerPage);
  return { records, ...(startKey ? { lastKey: startKey } : {}) };
}
