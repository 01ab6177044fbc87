import type { Worksheet } from 'exceljs';
import { excelSheetName, loadWorkbook, neutraliseFormula } from '../files/workbooks.ts';
import { accountabilityKindLabels, listsOnTimeRatio, usageListLabels } from './bulletin-charts.ts';
import type { BulletinContent } from './bulletin-content.ts';

/** The sheets of the bulletin's workbook, in order. */
export const bulletinSheetNames = { departments: '部门情况', trend: '趋势', accountability: '责任追究', scoring: '评分规则' } as const;

/** Where each sheet's header row is (row 1 is the sheet's title, merged across): data starts below it. */
export const bulletinHeaderRow = 2;

const percentFormat = '0.0%';
const thin = { style: 'thin' as const };

/**
 * The monthly bulletin (月通报) as an XLSX workbook, for the office and the departments to work with the
 * figures: 部门情况 (the month's table, with a 合计 row), 趋势 (the county's months), 责任追究 (the
 * candidates) and 评分规则 (the rules and their clause). Each sheet: its title merged across row 1, a bold
 * header in row 2 (frozen), column widths for Chinese text; figures are numbers (percentages formatted as
 * such), a ratio with nothing to divide is left empty with the reason in words; text cells are neutralised
 * against formulas (workbooks.ts). A draft says so in its titles and in every printed page's header.
 */
export async function bulletinWorkbook(content: BulletinContent): Promise<Buffer> {
  const Workbook = await loadWorkbook();
  const workbook = new Workbook();
  const created = new Date(`${content.publishedOn ?? content.asOf}T00:00:00+08:00`);
  workbook.creator = content.county.creditOfficeName;
  workbook.created = created;
  workbook.modified = created;
  workbook.title = content.title;
  const draft = content.state === 'draft' ? '（草稿）' : '';

  const sheet = (name: string, title: string, columns: Array<{ header: string; width: number; percent?: boolean; wrap?: boolean }>) => {
    const ws = workbook.addWorksheet(excelSheetName(name), {
      views: [{ state: 'frozen', ySplit: bulletinHeaderRow }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: { oddHeader: draft ? '&C草稿' : '', oddFooter: '&C第 &P 页 / 共 &N 页' },
    });
    // exceljs writes no width equal to its default (9): no column here is 9 wide, or it would fall back to the program's default.
    ws.columns = columns.map((c) => ({ width: c.width, ...(c.percent ? { style: { numFmt: percentFormat } } : {}) }));
    const titleRow = ws.addRow([neutraliseFormula(`${title}${draft}`)]);
    ws.mergeCells(titleRow.number, 1, titleRow.number, columns.length);
    titleRow.font = { bold: true, size: 14 };
    titleRow.alignment = { horizontal: 'center' };
    const header = ws.addRow(columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.border = { top: thin, bottom: thin, left: thin, right: thin };
    });
    return { ws, wrapped: columns.map((c, i) => (c.wrap ? i + 1 : 0)).filter((i) => i > 0) };
  };
  const addRow = (target: { ws: Worksheet; wrapped: number[] }, values: Array<string | number | null>) => {
    const row = target.ws.addRow(values.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    row.alignment = { vertical: 'top' };
    for (const col of target.wrapped) row.getCell(col).alignment = { vertical: 'top', wrapText: true };
    return row;
  };

  const monthWords = `${content.month.slice(0, 4)}年${Number(content.month.slice(5, 7))}月`;

  // 部门情况
  const departments = sheet(bulletinSheetNames.departments, `${content.title}：各部门情况`, [
    { header: '名次', width: 6 },
    { header: '部门', width: 30, wrap: true },
    { header: '核查次数', width: 10 },
    { header: '已录入结果', width: 11 },
    { header: '办件数', width: 10 },
    { header: '已核查办件', width: 11 },
    { header: '覆盖率', width: 10, percent: true },
    { header: '逾期公示', width: 10 },
    { header: '逾期答复', width: 10 },
    { header: '使用情况清单', width: 12 },
    { header: '材料应报', width: 10 },
    { header: '材料按时', width: 10 },
    { header: '得分', width: 8 },
    { header: '责任追究线索', width: 12 },
  ]);
  for (const d of content.departments) {
    addRow(departments, [d.rank, d.name, d.checks, d.withOutcome, d.mattersHandled, d.mattersChecked, d.coverage ?? '无办件', d.latePublications, d.overdueAnswers, usageListLabels[d.usageList], d.filings.due, d.filings.onTime, d.score, d.accountabilityCandidates]);
  }
  if (content.departments.length) {
    const total = (pick: (d: BulletinContent['departments'][number]) => number) => content.departments.reduce((s, d) => s + pick(d), 0);
    const handled = total((d) => d.mattersHandled);
    const checked = total((d) => d.mattersChecked);
    const due = content.departments.filter((d) => d.usageList !== 'notDue');
    const row = addRow(departments, [
      null,
      '合计',
      total((d) => d.checks),
      total((d) => d.withOutcome),
      handled,
      checked,
      handled > 0 ? checked / handled : '无办件',
      total((d) => d.latePublications),
      total((d) => d.overdueAnswers),
      `按时 ${due.filter((d) => d.usageList === 'onTime').length}/${due.length}`,
      total((d) => d.filings.due),
      total((d) => d.filings.onTime),
      null,
      total((d) => d.accountabilityCandidates),
    ]);
    row.font = { bold: true };
  }
  const note = departments.ws.addRow([`数据截至 ${content.asOf}。覆盖率 = 已核查办件 ÷ 办件数；无办件的不计覆盖率。${monthWords}，${content.county.creditOfficeName}。`]);
  departments.ws.mergeCells(note.number, 1, note.number, 14);
  note.font = { italic: true, color: { argb: 'FF5B6573' } };

  // 趋势
  const trend = sheet(bulletinSheetNames.trend, `${content.county.name}信用信息应用情况趋势`, [
    { header: '月份', width: 10 },
    { header: '核查次数', width: 10 },
    { header: '覆盖率', width: 10, percent: true },
    { header: '逾期公示', width: 10 },
    { header: '逾期答复', width: 10 },
    { header: '清单按时报送部门', width: 16 },
    { header: '清单应报送部门', width: 14 },
    { header: '清单按时率', width: 11, percent: true },
  ]);
  for (const p of content.trend) {
    addRow(trend, [p.month, p.checks, p.coverage ?? '无办件', p.latePublications, p.overdueAnswers, p.listsOnTime, p.listsDue, listsOnTimeRatio(p) ?? '无应报']);
  }

  // 责任追究
  const accountability = sheet(bulletinSheetNames.accountability, `${content.title}：责任追究线索`, [
    { header: '序号', width: 6 },
    { header: '部门', width: 24, wrap: true },
    { header: '类型', width: 12 },
    { header: '办件编号/核查编号', width: 24 },
    { header: '事项', width: 28, wrap: true },
    { header: '主体', width: 34, wrap: true },
    { header: '日期', width: 12 },
    { header: '情况', width: 44, wrap: true },
  ]);
  content.accountability.forEach((a, i) => addRow(accountability, [i + 1, a.department, accountabilityKindLabels[a.kind], a.reference, a.matterName, a.subject, a.date, a.detail]));
  if (content.accountability.length === 0) addRow(accountability, [null, '本月无责任追究线索']);

  // 评分规则
  const scoring = sheet(bulletinSheetNames.scoring, `${content.county.name}信用信息应用考核评分规则`, [
    { header: '评分项', width: 24, wrap: true },
    { header: '权重', width: 8 },
    { header: '说明', width: 70, wrap: true },
  ]);
  for (const r of content.scoring.rules) addRow(scoring, [r.name, r.weight, r.description]);
  scoring.ws.addRow([]);
  const clause = addRow(scoring, ['依据', null, content.scoring.clause]);
  clause.getCell(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
