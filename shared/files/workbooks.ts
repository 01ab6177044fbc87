/**
 * Writing spreadsheets a clerk opens in Excel, WPS or LibreOffice: exceljs's modules loaded one at a time, when
 * a workbook is written (not the package index, which carries the streaming reader and writer with unzipper,
 * archiver and their stream libraries), and the two rules every written cell follows. The version of exceljs
 * is pinned in package.json; the tests read every written workbook back, so a moved module fails them.
 */
type WorkbookClass = typeof import('exceljs').Workbook;
type WorkbookWriterClass = typeof import('exceljs').stream.xlsx.WorkbookWriter;

/**
 * exceljs's Workbook class alone (`exceljs/lib/doc/workbook.js`, what its index re-exports as `Workbook`):
 * an in-memory workbook (a usage list, a template). Measured on export-usage-list: the bundle's exceljs part
 * 1,048 KB → 481 KB against the index.
 */
export async function loadWorkbook(): Promise<WorkbookClass> {
  // @ts-expect-error -- a module of the package without a type declaration of its own; typed as the index's Workbook.
  const module = (await import('exceljs/lib/doc/workbook.js')) as { default: WorkbookClass };
  return module.default;
}

/**
 * exceljs's streaming writer alone (`exceljs/lib/stream/xlsx/workbook-writer.js`, the index's
 * `stream.xlsx.WorkbookWriter`): rows committed as they are written, so a workbook of any length is written
 * with flat memory (an import's result file).
 */
export async function loadWorkbookWriter(): Promise<WorkbookWriterClass> {
  // @ts-expect-error -- as above.
  const module = (await import('exceljs/lib/stream/xlsx/workbook-writer.js')) as { default: WorkbookWriterClass };
  return module.default;
}

/** Excel's rule for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const excelSheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);

/**
 * A cell that starts like a formula is opened by Excel or LibreOffice as one (CSV injection, OWASP):
 * `=`, `+`, `-`, `@`, their full-width forms (an IME types them), also after leading spaces, or a tab,
 * CR or LF. Such a cell is prefixed with an apostrophe, which spreadsheets read as "text". Every written cell
 * is text (a date is written YYYY-MM-DD), so no number loses its sign.
 */
export function neutraliseFormula(value: string): string {
  return /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/.test(value) ? `'${value}` : value;
}

/** The MIME type of an XLSX workbook. */
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
