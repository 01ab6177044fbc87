import type { UsageListRow } from './usage-list.ts';
import { excelSheetName, loadWorkbook, neutraliseFormula } from '../files/workbooks.ts';

/**
 * A usage list in Zanhuang's template (赞皇县信用办通知, 附件 行政管理事项中使用信用记录和信用报告的情况清单):
 * the title, the header rows 单位 / 报送人 / 报送日期, the column row, then one row per check. One sheet
 * model, written as CSV or XLSX, so both files hold the same cells.
 */
export const usageListTitle = '行政管理事项中使用信用记录和信用报告的情况清单';
export const usageListColumns = ['市场主体（自然人）名称', '行政管理事项名称', '日期', '使用信用记录或报告情况', '使用的激励或惩戒措施'] as const;
export const usageListHeaderLabels = ['单位：', '报送人：', '报送日期：'] as const;

export interface UsageListSheet {
  title: string;
  /** [label, value] of 单位, 报送人, 报送日期. */
  header: [string, string][];
  columns: readonly string[];
  rows: string[][];
}

/** The sheet of a list: a submitted revision names its submitter and day; a draft leaves them empty and says so in the title. */
export function usageListSheet(args: { departmentName: string; submitter?: string; submittedOn?: string; rows: readonly UsageListRow[] }): UsageListSheet {
  const draft = args.submitter === undefined;
  return {
    title: draft ? `${usageListTitle}（草稿，未报送）` : usageListTitle,
    header: [
      [usageListHeaderLabels[0], args.departmentName],
      [usageListHeaderLabels[1], args.submitter ?? ''],
      [usageListHeaderLabels[2], args.submittedOn ?? ''],
    ],
    columns: usageListColumns,
    rows: args.rows.map((r) => [r.subjectName, r.matter, r.date, r.usage, r.measures]),
  };
}

/**
 * The sheet as it is written, every cell (title, header labels and values, column names, rows)
 * neutralised against formulas: the department's name and the submitter are typed by people as much
 * as the rows are. CSV and XLSX are written from it, so both files hold the same cells.
 */
export function writtenSheet(sheet: UsageListSheet): UsageListSheet {
  return {
    title: neutraliseFormula(sheet.title),
    header: sheet.header.map(([label, value]) => [neutraliseFormula(label), neutraliseFormula(value)]),
    columns: sheet.columns.map(neutraliseFormula),
    rows: sheet.rows.map((r) => r.map(neutraliseFormula)),
  };
}

/** Every line of the sheet as cells, top to bottom. */
const linesOf = (sheet: UsageListSheet): string[][] => {
  const written = writtenSheet(sheet);
  return [[written.title], ...written.header, [...written.columns], ...written.rows];
};

/**
 * CSV as Excel opens it without garbling Chinese: UTF-8 with a byte-order mark, CRLF line ends, fields
 * quoted per RFC 4180 (a field with a comma, quote, CR or LF is quoted, its quotes doubled).
 */
export function toCsv(sheet: UsageListSheet): Buffer {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const text = linesOf(sheet).map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The XLSX workbook: one sheet named for the period, the title merged across, bold headers, column widths for Chinese text. */
export async function toXlsx(typed: UsageListSheet, sheetName: string, createdAt: Date): Promise<Buffer> {
  // exceljs is loaded when a workbook is written, not when the module is: CSV and the rest never pay for it.
  const Workbook = await loadWorkbook();
  const sheet = writtenSheet(typed);
  const workbook = new Workbook();
  workbook.creator = 'county credit platform';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const ws = workbook.addWorksheet(excelSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 2 + sheet.header.length }] });
  ws.columns = [{ width: 34 }, { width: 44 }, { width: 12 }, { width: 50 }, { width: 32 }];
  const last = sheet.columns.length;

  const title = ws.addRow([sheet.title]);
  ws.mergeCells(title.number, 1, title.number, last);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  for (const [label, value] of sheet.header) {
    const row = ws.addRow([label, value]);
    ws.mergeCells(row.number, 2, row.number, last);
    row.getCell(1).font = { bold: true };
  }
  const columns = ws.addRow([...sheet.columns]);
  columns.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const values of sheet.rows) {
    // Values are strings (a cell never holds a formula), neutralised as in the CSV: the file may be saved as CSV later.
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

