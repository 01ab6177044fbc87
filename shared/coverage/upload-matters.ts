import { Readable } from 'node:stream';
import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { DomainError, validationFailed } from '../errors/domain-errors.ts';
import { csvRows, headerName, type SheetRow } from '../files/csv-rows.ts';
import { xlsxRows } from '../files/xlsx-rows.ts';
import type { Caller } from '../identity/caller.ts';
import { inPool } from '../lambda/in-pool.ts';
import { validatingOn } from '../time/request-day.ts';
import { matterInput, type MatterInput, type uploadMattersBody } from './api.ts';
import { columnOfField, matterColumns } from './matter-columns.ts';
import { monthOf } from './months.ts';
import { storeMatter } from './store-matter.ts';

/** Most rows one upload stores (a department's month; more: split the file). */
export const maxUploadRows = 5000;

export interface RefusedRow {
  row: number;
  column: string;
  field: string;
  message: string;
}

/** A date as clerks type it (2026/11/5, 2026.11.05, 2026年11月5日) written YYYY-MM-DD; anything else as typed (the schema refuses it). */
export function normaliseDay(text: string): string {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

/**
 * One row of the template read as a matter, or the first thing wrong with it, naming its column: the same
 * schema as the machine API's, the decision day within the month reported, a case number once per file.
 */
export function readMatterRow(row: SheetRow, month: string, today: string): { matter: MatterInput } | { refused: RefusedRow } {
  const raw: Record<string, string> = {};
  for (const column of matterColumns) {
    const value = row.cells[headerName(column.header)]?.trim();
    if (value) raw[column.field] = column.field === 'decidedOn' ? normaliseDay(value) : value;
  }
  const parsed = validatingOn(today, () => matterInput.safeParse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'row');
    const message = issue.code === 'invalid_type' && raw[field] === undefined ? '必须填写' : issue.message;
    return { refused: { row: row.row, column: columnOfField(field), field, message } };
  }
  if (monthOf(parsed.data.decidedOn) !== month) return { refused: { row: row.row, column: columnOfField('decidedOn'), field: 'decidedOn', message: `不在报送月份 ${month} 内` } };
  return { matter: parsed.data };
}

async function* rowsOf(fileName: string, content: Buffer, onHeader: (header: string[]) => void): AsyncGenerator<SheetRow> {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) yield* xlsxRows(Readable.from([content]), { onHeader });
  else if (name.endsWith('.csv')) yield* csvRows((async function* () { yield content; })(), { onHeader });
  else throw validationFailed('body.fileName', 'must be an .xlsx workbook or a .csv file (UTF-8 or GB18030)');
}

/**
 * POST /matter-uploads: a clerk's monthly file of matters handled (the template of GET /matter-uploads/template),
 * XLSX or CSV in UTF-8 or GB18030. Each row is read alone: a bad row is refused naming its row and column, the
 * others are stored (or update the matter of their case number, so the same file again stores nothing twice).
 */
export async function uploadMatters(args: { body: z.output<typeof uploadMattersBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body } = args;
  const today = localDate(args.now, args.county.timeZone);
  const content = Buffer.from(body.content, 'base64');
  if (content.length === 0) throw validationFailed('body.content', 'must be the file, base64');
  const refused: RefusedRow[] = [];
  const accepted: MatterInput[] = [];
  const firstRowOf = new Map<string, number>();
  let missing: string[] = [];
  let rows = 0;
  try {
    for await (const row of rowsOf(body.fileName, content, (header) => {
      const present = new Set(header.map(headerName));
      missing = matterColumns.filter((c) => c.required && !present.has(headerName(c.header))).map((c) => c.header);
    })) {
      if (missing.length) break;
      rows += 1;
      if (rows > maxUploadRows) throw validationFailed('body.content', `holds more than ${maxUploadRows} rows: split the month into several files`);
      const read = readMatterRow(row, body.month, today);
      if ('refused' in read) {
        refused.push(read.refused);
        continue;
      }
      const first = firstRowOf.get(read.matter.reference);
      if (first !== undefined) {
        refused.push({ row: row.row, column: columnOfField('reference'), field: 'reference', message: `与第 ${first} 行的办件编号重复` });
        continue;
      }
      firstRowOf.set(read.matter.reference, row.row);
      accepted.push(read.matter);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw validationFailed('body.content', `cannot be read as ${body.fileName.toLowerCase().endsWith('.xlsx') ? 'an XLSX workbook' : 'a CSV file'}`);
    throw error;
  }
  if (missing.length) throw validationFailed('body.content', `缺少列：${missing.join('、')}（请使用办件报送模板）`);
  const stored = await inPool(
    8,
    accepted.map((m) => () => storeMatter(m, 'upload', args.caller, args.now)),
  );
  return { month: body.month, rows, stored: stored.filter((s) => s.created).length, updated: stored.filter((s) => !s.created).length, refused };
}
