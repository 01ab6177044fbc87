import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredRecord } from './stored-record.ts';
import type { RecordLifecycle } from './record-status.ts';

const table = () => tableName(creditTable);

import { recordChangeKinds } from './api.ts';

export type RecordChangeKind = (typeof recordChangeKinds)[number];
export { recordChangeKinds };

/** One change of a record, kept beside its versions (`keys.recordChange`), written in the transaction that made it. */
export interface RecordChange {
  recordId: string;
  /** Sorts the record's changes in the order they happened: `version#instant#change`. */
  seq: string;
  change: RecordChangeKind;
  /** The version the change made or concerns (read it for the record's fields), and the lifecycle after it. */
  version: number;
  lifecycle: RecordLifecycle;
  at: string;
  kind: StoredRecord['kind'];
  providerOrgId: string;
  decisionNumber: string;
  /** The objection or repair case that made it, if one did. */
  caseId?: string;
}

export const changeSeq = (version: number, at: string, change: RecordChangeKind): string => `${String(version).padStart(6, '0')}#${at}#${change}`;

/** The change as stored: in the pending index until the exchange has handed it on to every destination. */
export function recordChangeItem(record: Pick<StoredRecord, 'recordId' | 'version' | 'kind' | 'providerOrgId' | 'decisionNumber'>, change: RecordChangeKind, lifecycle: RecordLifecycle, at: string, caseId?: string) {
  const seq = changeSeq(record.version, at, change);
  const value: RecordChange = { recordId: record.recordId, seq, change, version: record.version, lifecycle, at, kind: record.kind, providerOrgId: record.providerOrgId, decisionNumber: record.decisionNumber, ...(caseId ? { caseId } : {}) };
  return {
    Put: {
      TableName: table(),
      Item: { ...keys.recordChange(record.recordId, seq), ...keys.pendingRecordChange(at, record.recordId, seq), type: 'recordChange', ...value },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The change a new version stands for: version 1 is the record created, any later one a correction. */
export const versionChangeItem = (record: StoredRecord) => recordChangeItem(record, record.version === 1 ? 'created' : 'corrected', record.lifecycle, record.receivedAt);

/** Records with changes not yet handed on, oldest change first (at most `limit` changes read). */
export async function recordsWithPendingChanges(limit: number): Promise<string[]> {
  const result = await dynamo.send(
    new QueryCommand({ TableName: table(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': keys.pendingRecordChanges }, Limit: limit }),
  );
  return [...new Set((result.Items ?? []).map((i) => i.recordId as string))];
}

/**
 * Every change of a record in order, read from the table itself (strongly consistent): an index may show a
 * later change before an earlier one, the record's partition never does. `pending` says which are not handed on.
 */
export async function changesOfRecord(recordId: string): Promise<(RecordChange & { pending: boolean })[]> {
  const { pk, skPrefix } = keys.recordChangesOf(recordId);
  const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': skPrefix }, ConsistentRead: true });
  return items.map((i) => ({ ...withoutKeys<RecordChange>(i), pending: i.gsi2pk !== undefined }));
}

/** The change is handed on: out of the pending index (again is harmless). */
export async function markChangeHandedOn(recordId: string, seq: string, at: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({ TableName: table(), Key: keys.recordChange(recordId, seq), UpdateExpression: 'SET handedOnAt = :at REMOVE gsi2pk, gsi2sk', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': at } }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** One version of a record as stored (a change's fields: the version it made or concerns). */
export async function recordVersion(recordId: string, version: number): Promise<StoredRecord | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.recordVersion(recordId, version), ConsistentRead: true }));
  return result.Item ? withoutKeys<StoredRecord>(result.Item) : undefined;
}
