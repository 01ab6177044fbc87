import { Readable } from 'node:stream';
import { dateProblem } from '../calendar/date-schema.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { NationalListSource } from '../config/national-list-settings.ts';
import { DomainError, validationFailed, type FileProblem } from '../errors/domain-errors.ts';
import { csvRows, type SheetRow } from '../files/csv-rows.ts';
import { xlsxRows } from '../files/xlsx-rows.ts';
import { invisibleCharacterProblem } from '../http/input-text.ts';
import { maskIdsInText } from '../privacy/resident-id-mask.ts';
import { normaliseCode } from '../subjects/normalise.ts';
import { parseSubjectId, SubjectIdError, type SubjectIdType } from '../subjects/subject-id.ts';
import type { ImportMode, RowAction } from './list-rules.ts';
import { headerKey, keyColumns, sourceFormats, statusColumn, statusValues, type ColumnFormat, type EntryField, type SourceFormat } from './source-formats.ts';

/**
 * A list file read and checked whole, before anything is stored (docs/exchange.md, "Inbound"): XLSX, or CSV in
 * UTF-8 or GB18030 (shared/files), with the columns its source publishes (source-formats.ts). Every row is checked
 * and every problem kept, by row and column: the code's check character (shared/subjects), the dates, the columns
 * a listing needs, the 状态 of a changes file, an entry twice. The caller refuses the file when any is found.
 */

/** Most rows one file holds: a county's share of a national list (see docs/exchange.md for the size). */
export const maxListRows = 20_000;
/** Most problems a refusal lists (all are counted). */
export const maxReportedProblems = 1000;
/** Longest text a cell may hold. */
const maxTextLength = 2000;
const maxNameLength = 200;

/** A row read and found valid. */
export interface ValidRow {
  row: number;
  action: RowAction;
  subject: { type: SubjectIdType; id: string };
  /** The subject's name as the row states it ('' on a removal or repair row that leaves it out). */
  subjectName: string;
  /** The other columns, text with ID numbers masked (the subject's code is `subject`). */
  fields: Partial<Record<EntryField, string>>;
  /** The identifying columns' values, in the source's order (the code first). */
  keyValues: string[];
}

export interface ReadListFile {
  rows: ValidRow[];
  problems: FileProblem[];
  /** Problems found, all of them (`problems` lists the first `maxReportedProblems`). */
  problemCount: number;
}

/** A date as lists and clerks write it (2026/11/5, 2026.11.05, 2026年11月5日, 2026-11-05 10:20:00) as YYYY-MM-DD; anything else as written. */
export function normaliseListDate(text: string): string {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

async function* rowsOf(fileName: string, content: Buffer, onHeader: (header: string[]) => void): AsyncGenerator<SheetRow> {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) yield* xlsxRows(Readable.from([content]), { onHeader });
  else if (name.endsWith('.csv')) yield* csvRows((async function* () { yield content; })(), { onHeader });
  else throw validationFailed('body.fileName', 'must be an .xlsx workbook or a .csv file (UTF-8 or GB18030)');
}

/** Which file column holds each of the source's columns (and 状态), by header; the header's problems. */
function mapHeader(format: SourceFormat, mode: ImportMode, header: string[]): { at: Map<ColumnFormat | typeof statusColumn, number>; problems: FileProblem[] } {
  const wanted: (ColumnFormat | typeof statusColumn)[] = [...format.columns, statusColumn];
  const byKey = new Map<string, ColumnFormat | typeof statusColumn>();
  for (const column of wanted) for (const name of [column.header, ...(column.aliases ?? [])]) byKey.set(headerKey(name), column);
  const at = new Map<ColumnFormat | typeof statusColumn, number>();
  const problems: FileProblem[] = [];
  header.forEach((cell, i) => {
    const column = byKey.get(headerKey(cell));
    if (!column) return;
    if (at.has(column)) problems.push({ row: 1, column: column.header, rule: `列重复（第 ${at.get(column)! + 1} 列和第 ${i + 1} 列）` });
    else at.set(column, i);
  });
  for (const column of format.columns) if ((column.required || column.key) && !at.has(column)) problems.push({ row: 1, column: column.header, rule: '缺少此列（须为名单公布的列名）' });
  if (mode === 'changes' && !at.has(statusColumn)) problems.push({ row: 1, column: statusColumn.header, rule: '变更文件缺少此列：每行须写明 新增、纳入、移出 或 信用修复' });
  return { at, problems };
}

/**
 * Reads and checks a list file. A file that cannot be read at all (not XLSX or CSV, too many rows) is refused at
 * once (`body.fileName`, `body.content`); otherwise every row's problems are found, and the valid rows answered.
 */
export async function readListFile(args: { source: NationalListSource; mode: ImportMode; listDate: IsoDate; fileName: string; content: Buffer }): Promise<ReadListFile> {
  const format = sourceFormats[args.source];
  const problems: FileProblem[] = [];
  let problemCount = 0;
  const problem = (p: FileProblem) => {
    problemCount += 1;
    if (problems.length < maxReportedProblems) problems.push(p);
  };
  const rows: ValidRow[] = [];
  let at: Map<ColumnFormat | typeof statusColumn, number> | undefined;
  let headerBroken = false;
  let read = 0;
  const firstRowOf = new Map<string, number>();
  const keys = keyColumns(format);
  try {
    for await (const sheetRow of rowsOf(args.fileName, args.content, (header) => {
      const mapped = mapHeader(format, args.mode, header);
      at = mapped.at;
      for (const p of mapped.problems) problem(p);
      headerBroken = mapped.problems.length > 0;
    })) {
      if (headerBroken) break;
      read += 1;
      if (read > maxListRows) throw validationFailed('body.content', `holds more than ${maxListRows} rows: a list of this size is sent as several changes files, or as XLSX in parts (docs/exchange.md)`);
      const valid = readRow(sheetRow, { format, mode: args.mode, listDate: args.listDate, at: at!, problem });
      if (!valid) continue;
      const identity = [valid.subject.id, ...valid.keyValues.slice(1)].join('\u0000');
      const first = firstRowOf.get(identity);
      if (first !== undefined) {
        problem({ row: sheetRow.row, column: keys.map((c) => c.header).join('、'), rule: `与第 ${first} 行是同一条目（${keys.map((c) => c.header).join('、')}相同）` });
        continue;
      }
      firstRowOf.set(identity, sheetRow.row);
      rows.push(valid);
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw validationFailed('body.content', `cannot be read as ${args.fileName.toLowerCase().endsWith('.xlsx') ? 'an XLSX workbook' : 'a CSV file'}`);
  }
  if (!at) problem({ row: 1, column: format.columns[0]!.header, rule: '文件没有表头行' });
  return { rows, problems, problemCount };
}

/** One row: valid, or undefined with its problems told. */
function readRow(
  sheetRow: SheetRow,
  ctx: { format: SourceFormat; mode: ImportMode; listDate: IsoDate; at: Map<ColumnFormat | typeof statusColumn, number>; problem: (p: FileProblem) => void },
): ValidRow | undefined {
  const { format, listDate } = ctx;
  let ok = true;
  const fail = (column: string, rule: string) => {
    ok = false;
    ctx.problem({ row: sheetRow.row, column, rule });
  };
  const cell = (column: ColumnFormat | typeof statusColumn): string => {
    const i = ctx.at.get(column);
    return i === undefined ? '' : (sheetRow.values[i] ?? '').trim();
  };

  let action: RowAction = 'list';
  const status = cell(statusColumn);
  if (ctx.mode === 'changes') {
    const value = statusValues[status.replace(/[\s\u3000]/g, '')];
    if (!value) fail(statusColumn.header, status === '' ? '必须填写：新增、纳入、移出 或 信用修复' : '须为 新增、纳入、移出 或 信用修复');
    else action = value;
  } else if (status !== '' && statusValues[status.replace(/[\s\u3000]/g, '')] !== 'list') {
    fail(statusColumn.header, '全量名单只列在册的条目：移出和信用修复请按变更文件上传');
  }

  let subject: ValidRow['subject'] | undefined;
  const fields: Partial<Record<EntryField, string>> = {};
  let subjectName = '';
  for (const column of format.columns) {
    const raw = cell(column);
    const needed = column.key || (column.required && action === 'list');
    if (raw === '') {
      if (needed) fail(column.header, '必须填写');
      continue;
    }
    switch (column.type) {
      case 'code': {
        if (/[*＊]/.test(raw)) {
          fail(column.header, '须为完整的18位统一社会信用代码或公民身份号码：带 * 的脱敏号码无法对应到主体');
          break;
        }
        try {
          const parsed = parseSubjectId(normaliseCode(raw), listDate);
          if (!format.subjectTypes.includes(parsed.type)) fail(column.header, '本名单只列企业：须为统一社会信用代码');
          else subject = parsed;
        } catch (error) {
          if (!(error instanceof SubjectIdError)) throw error;
          fail(column.header, `代码无效：${error.rule}`);
        }
        break;
      }
      case 'date': {
        const day = normaliseListDate(raw);
        const rule = dateProblem(day, {}, undefined);
        if (rule !== undefined) fail(column.header, '须为日期，如 2026-11-05');
        else if (column.field !== 'endsOn' && day > listDate) fail(column.header, `不得晚于数据日期 ${listDate}`);
        else fields[column.field] = day;
        break;
      }
      case 'name':
      case 'text': {
        const max = column.type === 'name' ? maxNameLength : maxTextLength;
        const invisible = column.type === 'name' ? invisibleCharacterProblem(raw) : undefined;
        if ([...raw].length > max) fail(column.header, `超过 ${max} 个字`);
        else if (invisible !== undefined) fail(column.header, `不得含不可见或改变文字方向的控制字符（${invisible.replace(/^.*\((U\+[0-9A-F]+).*$/, '$1')}）`);
        else if (column.field === 'subjectName') subjectName = raw;
        // Free text is kept with ID numbers masked, in whatever form typed (a legal representative's number in a conduct text).
        else fields[column.field] = maskIdsInText(raw);
        break;
      }
    }
  }
  // A ban ends after it starts.
  const starts = fields.decidedOn ?? fields.listedOn;
  if (fields.endsOn !== undefined && starts !== undefined && fields.endsOn < starts)
    fail(format.columns.find((c) => c.field === 'endsOn')!.header, `不得早于${format.columns.find((c) => c.field === (fields.decidedOn ? 'decidedOn' : 'listedOn'))!.header}`);
  if (!ok || !subject) return undefined;
  const keyValues = keyColumns(format).map((c) => (c.field === 'subjectCode' ? subject!.id : c.type === 'name' || c.type === 'text' ? normaliseKey(fields[c.field] ?? '') : (fields[c.field] ?? '')));
  return { row: sheetRow.row, action, subject, subjectName, fields, keyValues };
}

/** An identifying column as compared: no white space, full-width characters as ASCII (a case number typed either way). */
const normaliseKey = (value: string): string => normaliseCode(value);
