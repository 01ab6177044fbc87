import { excelSheetName, loadWorkbook, neutraliseFormula, xlsxContentType } from '../files/workbooks.ts';
import type { HttpFile } from '../http/http-handler.ts';
import type { Caller } from '../identity/caller.ts';
import { matterListInForce } from '../matter-lists/port.ts';
import { matterColumns } from './matter-columns.ts';

/**
 * The monthly upload template (办件报送模板, XLSX): the columns in order on the first sheet (header as the upload
 * reads it, frozen; required columns coloured; each hint as the header's note; codes and dates as text, so an
 * 18-digit code stays as typed); for a department, its list in force on a second sheet and as the item column's
 * drop-down; a 填写说明 sheet.
 */
export async function matterTemplate(caller: Caller, now: Date): Promise<HttpFile> {
  const Workbook = await loadWorkbook();
  const workbook = new Workbook();
  workbook.creator = 'county credit platform';
  workbook.created = now;
  workbook.modified = now;
  const list = caller.role === 'department' ? await matterListInForce(caller.orgId) : undefined;

  const sheet = workbook.addWorksheet(excelSheetName('办件报送'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = matterColumns.map((c) => ({ header: c.header, width: c.field === 'subjectName' || c.field === 'decision' ? 30 : 22, style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  matterColumns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFCE4D6' : 'FFD9D9D9' } };
    cell.note = `${column.required ? '必填' : '选填'}。${column.hint}`;
  });
  if (list && list.items.length > 0) {
    const items = workbook.addWorksheet('本部门事项清单');
    items.columns = [{ header: '事项清单编号', width: 20 }, { header: '事项名称', width: 40 }, { header: '须核查信用记录', width: 16 }, { header: '须信用报告', width: 12 }];
    items.getRow(1).font = { bold: true };
    for (const item of list.items) items.addRow([neutraliseFormula(item.itemId), neutraliseFormula(item.name), item.checkRequired ? '是' : '否', item.reportRequired ? '是' : '否']);
    const range = `'本部门事项清单'!$A$2:$A$${list.items.length + 1}`;
    for (let row = 2; row <= 1001; row += 1) sheet.getCell(row, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [range], showErrorMessage: false };
  }

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [{ header: '列', width: 16 }, { header: '是否必填', width: 10 }, { header: '填写说明', width: 80 }];
  guide.getRow(1).font = { bold: true };
  for (const column of matterColumns) guide.addRow([column.header, column.required ? '必填' : '选填', neutraliseFormula(column.hint)]);
  guide.addRow([]);
  guide.addRow(['说明', '', '第一张表第1行为列名，请勿改动；从第2行起每行一个办件，报送一个月份办结的办件。有错误的行逐行退回（注明行号和列），其余行照常保存。保存为 .xlsx 或 .csv（UTF-8 或 GB18030）后上传。']);
  if (list) guide.addRow(['事项清单', '', `本模板按 ${list.version} 版事项清单生成。`]);

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { content, contentType: xlsxContentType, fileName: '办件报送模板.xlsx', asciiFileName: 'matters-template.xlsx' };
}
