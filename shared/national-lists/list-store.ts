import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../calendar/dates.ts';
import type { NationalListSource } from '../config/national-list-settings.ts';
import { batchGetItems, batchPutItems } from '../storage/batch-items.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { EntryStateItem } from './list-entry.ts';
import type { CommittedSeqs, ImportMode, ImportSummary } from './list-rules.ts';

/** DynamoDB adapter of national lists (docs/access-patterns.md, "National lists"). */
const table = () => tableName(creditTable);

/** A source's state: which of its imports count, its list date and counts, the import being applied. */
export interface SourceRecord extends CommittedSeqs {
  source: NationalListSource;
  /** The seq the next import takes. */
  nextSeq: number;
  /** State items its committed imports wrote: what its gsi1 partition must hold before an import plans on it. */
  stateItems: number;
  /** 数据日期 of the last list applied; null before the first. */
  listDate: IsoDate | null;
  lastImportId?: string;
  appliedAt?: string;
  entriesListed: number;
  entriesRepaired: number;
  /** The import being applied: its seq's items do not count until it commits. */
  pending?: { importId: string; seq: number; startedAt: string };
  /** Bumped by every write, the condition of the next. */
  version: number;
}

export const emptySource = (source: NationalListSource): SourceRecord => ({
  source,
  committedSeq: 0,
  skippedSeqs: [],
  nextSeq: 1,
  stateItems: 0,
  listDate: null,
  entriesListed: 0,
  entriesRepaired: 0,
  version: 0,
});

/** An import of a list file. */
export interface ImportRecord {
  importId: string;
  source: NationalListSource;
  mode: ImportMode;
  listDate: IsoDate;
  fileName: string;
  /** SHA-256 of the file (hex) and its size. */
  sha256: string;
  bytes: number;
  rows: number;
  /** `applying` until committed; `abandoned` when another import took over after it stopped half-way. */
  status: 'applying' | 'applied' | 'abandoned';
  seq: number;
  startedAt: string;
  startedBy: { orgId: string; userId: string };
  appliedAt?: string;
  abandonedAt?: string;
  summary?: Omit<ImportSummary, 'ignored'> & { ignored: number };
  /** Rows that changed nothing, with why (the first 200). */
  ignored?: ImportSummary['ignored'];
}

const sourceItem = (s: SourceRecord) => ({ ...keys.nationalListSource(s.source), type: 'nationalListSource', ...s });
const importItem = (i: ImportRecord) => ({ ...keys.nationalListImport(i.importId), ...keys.nationalListImportsByTime(i.startedAt, i.importId), type: 'nationalListImport', ...i });

export async function getSource(source: NationalListSource): Promise<SourceRecord> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.nationalListSource(source), ConsistentRead: true }));
  return Item ? withoutKeys<SourceRecord>(Item) : emptySource(source);
}

/** The states of several sources in one BatchGetItem, strongly consistent (a check right after an import sees it). */
export async function getSources(sources: readonly NationalListSource[]): Promise<Map<NationalListSource, SourceRecord>> {
  const found = sources.length ? await batchGetItems(table(), sources.map((s) => keys.nationalListSource(s)), { consistentRead: true }) : [];
  const bySource = new Map(found.map((item) => [item.source as NationalListSource, withoutKeys<SourceRecord>(item)]));
  return new Map(sources.map((s) => [s, bySource.get(s) ?? emptySource(s)]));
}

export async function getImport(importId: string): Promise<ImportRecord | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.nationalListImport(importId), ConsistentRead: true }));
  return Item ? withoutKeys<ImportRecord>(Item) : undefined;
}

/** Imports newest first, a page at a time (gsi1 `NATLISTIMPORTS`). */
export async function listImports(args: { limit: number; startKey?: Record<string, unknown> }): Promise<{ imports: ImportRecord[]; lastKey?: Record<string, unknown> }> {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.nationalListImports },
      ScanIndexForward: false,
      Limit: args.limit,
      ...(args.startKey ? { ExclusiveStartKey: args.startKey } : {}),
    }),
  );
  return { imports: (page.Items ?? []).map((i) => withoutKeys<ImportRecord>(i)), ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
}

/** Every state of every entry of a subject (its partition, `NATLIST#` items), strongly consistent: one query. */
export async function statesOfSubject(subjectKey: string): Promise<{ items: EntryStateItem[]; requests: number }> {
  const { items, requests } = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.subjectPartition(subjectKey), ':prefix': keys.nationalListEntriesOfSubjectPrefix },
    ConsistentRead: true,
  });
  return { items: items.map((i) => withoutKeys<EntryStateItem>(i)), requests };
}

/** Every state of every entry of a source (gsi1 `NATLIST#<source>`), every page: what an import plans on. */
export async function statesOfSource(source: NationalListSource): Promise<EntryStateItem[]> {
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.nationalListStatesOfSource(source) } });
  return items.map((i) => withoutKeys<EntryStateItem>(i));
}

/**
 * Takes a source for an import: the source's new state (with the import `pending`) on condition of the version
 * read, the import's item (not over an applied one), and an abandoned import marked so, in one transaction.
 * False when another write came first (the caller reads again).
 */
export async function claimSource(args: { source: SourceRecord; readVersion: number; record: ImportRecord; abandoned?: string; at: string }): Promise<boolean> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: sourceItem(args.source),
              ConditionExpression: args.readVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :v',
              ...(args.readVersion === 0 ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':v': args.readVersion } }),
            },
          },
          {
            Put: {
              TableName: table(),
              Item: importItem(args.record),
              ConditionExpression: 'attribute_not_exists(pk) OR #status <> :applied',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':applied': 'applied' },
            },
          },
          ...(args.abandoned
            ? [
                {
                  Update: {
                    TableName: table(),
                    Key: keys.nationalListImport(args.abandoned),
                    UpdateExpression: 'SET #status = :abandoned, abandonedAt = :at',
                    ConditionExpression: '#status = :applying',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':abandoned': 'abandoned', ':applying': 'applying', ':at': args.at },
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** Stages an import's states (idempotent puts: a retry of the same import writes the same items). */
export async function putStates(items: readonly (EntryStateItem & { subject: { key: string } })[]): Promise<void> {
  await batchPutItems(
    table(),
    items.map((item) => ({ ...keys.nationalListEntryState(item.subject.key, item.source, item.entryId, item.seq), type: 'nationalListEntry', ...item })),
  );
}

/**
 * Commits an import: the source's new state (its seq counted, the import no longer pending) on condition that the
 * import is still the pending one at the version it was claimed with, and the import's item applied, in one
 * transaction: the one write that makes checks see the new list. False when another import took the source over.
 */
export async function commitImport(args: { source: SourceRecord; claimedVersion: number; record: ImportRecord }): Promise<boolean> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: sourceItem(args.source),
              ConditionExpression: '#version = :v AND #pending.importId = :id',
              ExpressionAttributeNames: { '#version': 'version', '#pending': 'pending' },
              ExpressionAttributeValues: { ':v': args.claimedVersion, ':id': args.record.importId },
            },
          },
          { Put: { TableName: table(), Item: importItem(args.record) } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
