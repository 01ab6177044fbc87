import { templateColumns, type NationalColumn } from '../records/port.ts';
import { excelSheetName, loadWorkbook, neutraliseFormula, xlsxContentType } from '../files/workbooks.ts';
import type { HttpFile } from '../http/http-handler.ts';
import { importKindLabels, type ImportKind } from './api.ts';
import { legalRepresentativeIdTypeLabels } from '../config/record-kinds.ts';

/**
 * The template a department downloads (XLSX): the kind's columns (the national standard's for 行政许可 and 行政处罚) in order on the first sheet
 * (the header row exactly as the ingest reads it, frozen; required columns marked by colour; each column's
 * hint as the header cell's note; code and number columns formatted as text, so Excel keeps an 18-digit code
 * or an ID number as typed instead of turning it into 4.1E+17; the closed lists offered as drop-downs), and a
 * second sheet 填写说明 listing every column with whether it must be filled and how.
 */
const codeLike = (column: NationalColumn) => 'field' in column.read && (column.read.as === 'code' || column.read.as === 'date');

const lists: Partial<Record<string, readonly string[]>> = {
  行政相对人类别: ['法人及非法人组织', '个体工商户', '自然人'],
  证件类型: ['身份证'],
  法定代表人证件类型: Object.values(legalRepresentativeIdTypeLabels),
};

export async function importTemplate(kind: ImportKind, now: Date): Promise<HttpFile> {
  const Workbook = await loadWorkbook();
  const columns = templateColumns[kind];
  const label = importKindLabels[kind];
  const workbook = new Workbook();
  workbook.creator = 'county credit platform';
  workbook.created = now;
  workbook.modified = now;

  const sheet = workbook.addWorksheet(excelSheetName(label), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: Math.max(14, Math.min(40, column.header.length * 2.2)), ...(codeLike(column) ? { style: { numFmt: '@' } } : {}) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFCE4D6' : 'FFD9D9D9' } };
    const note = [column.required ? '必填' : '选填', column.hint, 'ignored' in column.read ? column.read.ignored : ''].filter(Boolean).join('。');
    if (note) cell.note = note;
    const values = lists[column.header] ?? ('field' in column.read && column.read.as === 'choice' ? [...new Set(Object.keys(column.read.choices).filter((k) => !/^[a-z]/.test(k)))] : undefined);
    if (values)
      for (let row = 2; row <= 1001; row += 1)
        sheet.getCell(row, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: false };
  });

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [{ header: '列', width: 34 }, { header: '是否必填', width: 10 }, { header: '填写说明', width: 80 }];
  guide.getRow(1).font = { bold: true };
  for (const column of columns)
    guide.addRow([column.header, column.required ? '必填' : '选填', neutraliseFormula([column.hint, 'ignored' in column.read ? `平台不保存：${column.read.ignored}` : ''].filter(Boolean).join('；'))]);
  guide.addRow([]);
  guide.addRow(['说明', '', '第一张表第1行为列名，请勿改动；从第2行起每行一条记录。同一决定书文号再次导入视为更正（保留历史版本）。保存为 .xlsx 或 .csv（UTF-8 或 GB18030）后上传。']);

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { content, contentType: xlsxContentType, fileName: `${label}导入模板.xlsx`, asciiFileName: `${kind}-import-template.xlsx` };
}
