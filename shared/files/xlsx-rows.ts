import type { Readable } from 'node:stream';
import { headerName, type SheetOptions, type SheetRow } from './csv-rows.ts';

/**
 * The rows of an XLSX workbook's first sheet, streamed (exceljs's streaming reader: memory stays flat whatever
 * the size), as a spreadsheet program saves them: shared or inline strings, rich text, formulas (their cached
 * result), hyperlinks (their text), and dates stored as serial numbers with a date format, read as the day
 * (YYYY-MM-DD). The first row is the header; every later non-empty row is yielded with its cells by header as
 * text and its row number as the spreadsheet shows it.
 */
type WorkbookReaderClass = typeof import('exceljs').stream.xlsx.WorkbookReader;

/**
 * exceljs's streaming reader module alone (`exceljs/lib/stream/xlsx/workbook-reader.js`, what its index exports as
 * `stream.xlsx.WorkbookReader`), loaded when a workbook is read; the version is pinned in package.json and the
 * tests read workbooks written by exceljs and by LibreOffice through it.
 */
async function loadWorkbookReader(): Promise<WorkbookReaderClass> {
  // @ts-expect-error -- a module of the package without a type declaration of its own; typed as the index's class.
  const module = (await import('exceljs/lib/stream/xlsx/workbook-reader.js')) as { default: WorkbookReaderClass };
  return module.default;
}

/** A cell's value as the text a clerk sees. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(value);
}

/** The rows of the first sheet (see above). */
export async function* xlsxRows(input: Readable, options: SheetOptions = {}): AsyncGenerator<SheetRow> {
  const WorkbookReader = await loadWorkbookReader();
  const reader = new WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const worksheet of reader) {
    let header: string[] | undefined;
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (values.every((cell) => cell.trim() === '')) continue;
      if (!header) {
        header = values.map(headerName);
        options.onHeader?.(values.map((cell) => cell.trim()));
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name && values[i] !== undefined && values[i] !== '') cells[name] = values[i]!;
      });
      yield { row: row.number, cells, values };
    }
    return; // the first sheet only: a template has one
  }
}
