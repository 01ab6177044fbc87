import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CountyConfig } from '../config/county-config.ts';
import { csvRows, type SheetRow } from '../files/csv-rows.ts';
import { xlsxRows } from '../files/xlsx-rows.ts';
import { loadWorkbookWriter, neutraliseFormula, xlsxContentType } from '../files/workbooks.ts';
import type { Caller } from '../identity/caller.ts';
import { logger } from '../lambda/logger.ts';
import { columnOf, templateColumns, rowToRecord, storeImportedRecords, type RecordInput } from '../records/port.ts';
import { keys } from '../storage/keys.ts';
import { s3 } from '../storage/s3-client.ts';
import { importKindLabels } from './api.ts';
import { advanceImport, claimImport, continueImport, finishImport, getImport, putRefusedRows, refusedRowsOf, type ImportJob, type Progress, type RefusedRow } from './import-store.ts';

/**
 * The ingest of a department's spreadsheet (issue 15 §2). It streams the file (memory stays flat whatever its
 * size: rows are read as they arrive and stored a part at a time), reads every row as the national fields say
 * (shared/records/national-fields.ts: what people type normalised, the API's own schema), and stores valid rows
 * as records: the same file again stores nothing twice, a changed row with a decision number already stored is
 * a correction of that record. A refused row is kept with its problems by column.
 *
 * A checkpoint on the job (`nextRow`, moved with the part's counts in one conditional update) makes it safe to
 * stop anywhere: S3 delivers an event again, an invocation fails and is retried, or a file is larger than one
 * invocation can take. Then the invocation hands on: it writes a small continuation object (imports/continue/),
 * whose event starts the next invocation at the checkpoint, re-reading the file up to it without storing. So a
 * file of any length is taken in invocations of bounded work, without Step Functions (the local runner has no
 * Distributed Map) and without losing or repeating a row. When the whole file is read, the result file is
 * written: every row as the clerk wrote it, with 结果, 字段, 错误.
 */
export type IngestOutcome = 'done' | 'failed' | 'handedOn' | 'unknownImport' | 'notTaken' | 'overtaken';

/** Rows stored at a time: one checkpoint per part. */
const partRows = 250;
/** Time kept in hand when handing on: a part's writes and the continuation object. */
const handOnMarginMs = 60_000;

/** A file that cannot be read as the template (not a workbook, a broken quote, the template's columns missing): the whole import fails with the reason. */
class FileUnreadable extends Error {}

interface Run {
  bucket: string;
  county: CountyConfig;
  now: Date;
  remainingMs: () => number;
}

const importIdOfKey = (key: string) => /^imports\/incoming\/[^/]+\/(imp_[A-Za-z0-9_-]+)\.(csv|xlsx)$/.exec(key)?.[1];

/** The event of the clerk's file (imports/incoming/…): the job starts, or goes on after a retry. */
export async function ingestImportFile(args: Run & { key: string; versionId?: string }): Promise<{ outcome: IngestOutcome; importId?: string }> {
  const importId = importIdOfKey(args.key);
  const job = importId ? await getImport(importId) : undefined;
  if (!job || job.objectKey !== args.key) return { outcome: 'unknownImport' };
  // An unversioned bucket names no version: the job then takes whatever the key holds, once.
  const claimed = await claimImport(job.importId, args.versionId ?? 'null', args.now.toISOString());
  if (!claimed) {
    logger.info('import file event not taken (finished, or another version of its key)', { importId: job.importId, state: job.state });
    return { outcome: 'notTaken', importId: job.importId };
  }
  return { outcome: await run(claimed, args), importId: job.importId };
}

/** The event of a continuation object (imports/continue/<importId>/<row>.json): the job goes on at that row. */
export async function continueImportFile(args: Run & { key: string }): Promise<{ outcome: IngestOutcome; importId?: string }> {
  const match = /^imports\/continue\/(imp_[A-Za-z0-9_-]+)\/(\d+)\.json$/.exec(args.key);
  if (!match) return { outcome: 'unknownImport' };
  const job = await continueImport(match[1]!, Number(match[2]));
  if (!job) return { outcome: 'notTaken', importId: match[1]! };
  return { outcome: await run(job, args), importId: job.importId };
}

/** The rows of the job's file (its version), and the header when it is read. */
async function* rowsOf(job: ImportJob, bucket: string, onHeader: (header: string[]) => void): AsyncGenerator<SheetRow> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: job.objectKey, ...(job.versionId && job.versionId !== 'null' ? { VersionId: job.versionId } : {}) }));
  const body = object.Body as Readable;
  const rows = job.format === 'csv' ? csvRows(body, { onHeader }) : xlsxRows(body, { onHeader });
  for (;;) {
    let next: IteratorResult<SheetRow>;
    try {
      next = await rows.next();
    } catch (error) {
      if (error instanceof FileUnreadable) throw error;
      body.destroy();
      throw new FileUnreadable(`文件无法按${job.format === 'csv' ? ' CSV' : ' XLSX 工作簿'}读取：${(error as Error).message}`);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** The template's required columns the header lacks (the wrong template, or a renamed column). */
function checkHeader(job: ImportJob, header: string[]): void {
  const present = new Set(header.map((h) => h.replace(/[\s\u3000]/g, '')));
  const missing = templateColumns[job.kind].filter((c) => c.required && !present.has(c.header)).map((c) => c.header);
  if (missing.length > 0)
    throw new FileUnreadable(`第1行缺少${importKindLabels[job.kind]}模板的必填列：${missing.join('、')}（请使用平台下载的模板，勿改动列名）`);
}

async function run(job: ImportJob, args: Run): Promise<IngestOutcome> {
  const caller: Caller = { role: 'department', orgId: job.departmentId, county: args.county.id, userId: `import:${job.importId}` };
  let nextRow = job.nextRow;
  let storedNow = 0;
  let part: SheetRow[] = [];
  // A decision number seen twice in what this invocation reads: the later row is refused (naming the first), not a silent correction.
  const seen = new Map<string, number>();

  const storePart = async (): Promise<boolean> => {
    const toRow = part.at(-1)!.row + 1;
    const counts = await storeRows(job, part, caller, args, seen);
    part = [];
    if (!(await advanceImport(job.importId, nextRow, toRow, counts))) return false;
    nextRow = toRow;
    storedNow += counts.rowsRead;
    return true;
  };
  const timeToHandOn = () => args.remainingMs() < handOnMarginMs || storedNow >= args.county.uploads.importRowsPerInvocation;

  try {
    for await (const row of rowsOf(job, args.bucket, (header) => checkHeader(job, header))) {
      if (row.row < nextRow) continue;
      part.push(row);
      if (part.length < partRows) continue;
      if (!(await storePart())) return 'overtaken';
      if (timeToHandOn()) return handOn(job, nextRow, args.bucket);
    }
    if (part.length > 0 && !(await storePart())) return 'overtaken';
    if (storedNow > 0 && timeToHandOn()) return handOn(job, nextRow, args.bucket);
    const resultKey = await writeResultFile(job, args.bucket);
    await finishImport(job.importId, { state: 'done', resultKey }, args.now.toISOString());
    return 'done';
  } catch (error) {
    if (!(error instanceof FileUnreadable)) throw error;
    logger.warn('import file unreadable', { importId: job.importId, reason: error.message });
    await finishImport(job.importId, { state: 'failed', failure: error.message }, args.now.toISOString());
    return 'failed';
  }
}

/** Validates and stores one part; refused rows are kept before the checkpoint moves past them. */
async function storeRows(job: ImportJob, rows: SheetRow[], caller: Caller, args: Run, seen: Map<string, number>): Promise<Progress> {
  const refused: RefusedRow[] = [];
  const valid: { row: number; input: RecordInput }[] = [];
  for (const { row, cells } of rows) {
    const result = rowToRecord(job.kind, cells);
    if (!result.ok) {
      refused.push({ row, problems: result.problems });
      continue;
    }
    const first = seen.get(result.input.decisionNumber);
    if (first !== undefined && first !== row) {
      refused.push({ row, problems: [{ column: columnOf(job.kind, ['decisionNumber']), message: `与第${first}行的决定书文号相同：同一文件中一个文号只能出现一次 / the same decision number as row ${first}` }] });
      continue;
    }
    seen.set(result.input.decisionNumber, row);
    valid.push({ row, input: result.input });
  }
  const stored = valid.length
    ? await storeImportedRecords({
        inputs: valid.map((v) => v.input),
        reasons: valid.map((v) => `批量导入《${job.fileName}》第${v.row}行（${job.importId}）`),
        caller,
        county: args.county,
        now: args.now,
      })
    : [];
  const counts: Progress = { rowsRead: rows.length, created: 0, unchanged: 0, corrected: 0, refused: 0 };
  stored.forEach((result, i) => {
    if (result.status === 'refused') refused.push({ row: valid[i]!.row, problems: [{ column: columnOf(job.kind, result.field.split('.')), message: result.rule }] });
    else counts[result.status] += 1;
  });
  counts.refused = refused.length;
  await putRefusedRows(job.importId, refused);
  return counts;
}

/** The next invocation starts at `fromRow` (the continuation object's event); this one ends. */
async function handOn(job: ImportJob, fromRow: number, bucket: string): Promise<IngestOutcome> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: keys.importContinuationObject(job.importId, fromRow),
      Body: JSON.stringify({ importId: job.importId, fromRow }),
      ContentType: 'application/json',
    }),
  );
  logger.info('import handed on', { importId: job.importId, fromRow });
  return 'handedOn';
}

/**
 * The result file: the file's rows as the clerk wrote them (header included), each with 结果 (通过 / 未通过),
 * 字段 (the columns at fault) and 错误 (what is wrong), written with exceljs's streaming writer to the
 * function's temporary disk and put to S3: memory flat whatever the length. The refused rows are read in row
 * order beside the file's rows (a merge of two sorted streams), never all at once.
 */
async function writeResultFile(job: ImportJob, bucket: string): Promise<string> {
  const WorkbookWriter = await loadWorkbookWriter();
  const path = join(tmpdir(), `${job.importId}-result.xlsx`);
  const workbook = new WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('导入结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  let width = 0;
  const refused = refusedRowsOf(job.importId);
  let pending = await refused.next();
  try {
    for await (const row of rowsOf(job, bucket, (header) => {
      width = header.length;
      const headerRow = sheet.addRow([...header, '结果', '字段', '错误']);
      headerRow.font = { bold: true };
      headerRow.commit();
    })) {
      while (!pending.done && pending.value.row < row.row) pending = await refused.next();
      const problems = !pending.done && pending.value.row === row.row ? pending.value.problems : [];
      const values = Array.from({ length: Math.max(width, row.values.length) }, (_, i) => row.values[i] ?? '').slice(0, width);
      const verdict = problems.length
        ? ['未通过', neutraliseFormula([...new Set(problems.map((p) => p.column))].join('；')), neutraliseFormula(problems.map((p) => `${p.column}：${p.message}`).join('；'))]
        : ['通过', '', ''];
      const written = sheet.addRow([...values, ...verdict]);
      if (problems.length) written.getCell(width + 1).font = { color: { argb: 'FFC00000' }, bold: true };
      written.commit();
    }
    sheet.commit();
    await workbook.commit();
    const key = keys.importResultObject(job.importId);
    const { size } = await stat(path);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: xlsxContentType }));
    return key;
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
