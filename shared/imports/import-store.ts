import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryPages } from '../storage/query-all.ts';
import { batchPutItems } from '../storage/batch-items.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { ImportFormat, ImportKind, ImportState } from './api.ts';

/** DynamoDB adapter of imports: the job (progress and checkpoint) and its refused rows. */
export interface ImportJob {
  importId: string;
  departmentId: string;
  kind: ImportKind;
  fileName: string;
  format: ImportFormat;
  objectKey: string;
  createdAt: string;
  postExpiresAt: string;
  state: ImportState;
  /** The object version the ingest reads (the first posted); a later POST to the key is ignored. */
  versionId?: string;
  /** The first row not yet stored (the header is row 1): where a continuation or a retry starts. */
  nextRow: number;
  /** The row the last continuation started at: a repeated continuation event is not taken twice. */
  continuedFrom?: number;
  rowsRead: number;
  created: number;
  unchanged: number;
  corrected: number;
  refused: number;
  invocations: number;
  startedAt?: string;
  finishedAt?: string;
  failure?: string;
  resultKey?: string;
}

export interface RowProblem {
  column: string;
  message: string;
}

export interface RefusedRow {
  row: number;
  problems: RowProblem[];
}

export type Progress = Pick<ImportJob, 'rowsRead' | 'created' | 'unchanged' | 'corrected' | 'refused'>;

const table = () => tableName(creditTable);

export async function putNewImport(job: ImportJob): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.importJob(job.importId), ...keys.importsByDepartment(job.departmentId, job.createdAt, job.importId), type: 'import', ...job },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getImport(importId: string): Promise<ImportJob | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.importJob(importId), ConsistentRead: true }));
  return result.Item ? withoutKeys<ImportJob>(result.Item) : undefined;
}

/** A department's imports, newest first. */
export async function importsOf(departmentId: string, limit: number): Promise<ImportJob[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.importsOfDepartment(departmentId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((i) => withoutKeys<ImportJob>(i));
}

/**
 * The ingest takes the job for one object version: a job awaiting its file starts; a running job of the same
 * version goes on (S3 delivers an event again, or an invocation failed and is retried). Anything else (another
 * version posted to the key, a finished job) is not taken.
 */
export async function claimImport(importId: string, versionId: string, at: string): Promise<ImportJob | undefined> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.importJob(importId),
        UpdateExpression: 'SET #state = :running, versionId = :v, startedAt = if_not_exists(startedAt, :at) ADD invocations :one',
        ConditionExpression: '#state = :awaiting OR (#state = :running AND versionId = :v)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':running': 'running', ':awaiting': 'awaitingFile', ':v': versionId, ':at': at, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<ImportJob>(result.Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** A continuation takes a running job at the row it was handed: a repeated continuation event finds it moved on. */
export async function continueImport(importId: string, fromRow: number): Promise<ImportJob | undefined> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.importJob(importId),
        UpdateExpression: 'ADD invocations :one SET continuedFrom = :row',
        ConditionExpression: '#state = :running AND nextRow = :row AND (attribute_not_exists(continuedFrom) OR continuedFrom <> :row)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':running': 'running', ':row': fromRow, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<ImportJob>(result.Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** The refused rows of a part, written before the checkpoint moves past them (a put again is the same item). */
export async function putRefusedRows(importId: string, rows: RefusedRow[]): Promise<void> {
  await batchPutItems(table(), rows.map((r) => ({ ...keys.importRefusedRow(importId, r.row), type: 'importRow', row: r.row, problems: r.problems })));
}

/**
 * Moves the checkpoint past a part and adds its counts, on condition that the checkpoint is where this
 * invocation found it: of two invocations on one part (a repeated event), one counts it, the other stops.
 */
export async function advanceImport(importId: string, fromRow: number, toRow: number, counts: Progress): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.importJob(importId),
        UpdateExpression: 'SET nextRow = :to ADD rowsRead :read, created :created, unchanged :unchanged, corrected :corrected, refused :refused',
        ConditionExpression: '#state = :running AND nextRow = :from',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':running': 'running', ':from': fromRow, ':to': toRow,
          ':read': counts.rowsRead, ':created': counts.created, ':unchanged': counts.unchanged, ':corrected': counts.corrected, ':refused': counts.refused,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The job ends: done with its result file, or failed with the reason (a file that cannot be read at all). */
export async function finishImport(importId: string, outcome: { state: 'done'; resultKey: string } | { state: 'failed'; failure: string }, at: string): Promise<void> {
  const done = outcome.state === 'done';
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.importJob(importId),
      UpdateExpression: `SET #state = :state, finishedAt = :at, ${done ? 'resultKey = :detail' : 'failure = :detail'}`,
      ConditionExpression: '#state = :running',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': outcome.state, ':at': at, ':running': 'running', ':detail': done ? outcome.resultKey : outcome.failure },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

/** The refused rows of an import in row order, page by page (a result file reads them as it writes). */
export async function* refusedRowsOf(importId: string, limit?: number): AsyncGenerator<RefusedRow> {
  let count = 0;
  for await (const page of queryPages({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.importPartition(importId), ':prefix': keys.importRefusedRowsPrefix },
    ...(limit ? { Limit: limit } : {}),
  })) {
    for (const item of page.Items ?? []) {
      yield { row: item.row as number, problems: item.problems as RowProblem[] };
      count += 1;
      if (limit && count >= limit) return;
    }
  }
}
