import { excelSheetName, loadWorkbook, neutraliseFormula, xlsxContentType } from '../files/workbooks.ts';
import type { runCheckBatch } from './run-check-batch.ts';

type Batch = Awaited<ReturnType<typeof runCheckBatch>>;
interface ShownRecord {
  kindLabel?: string;
  decisionNumber?: string;
}
interface ShownMeasure {
  name: string;
  kind: 'incentive' | 'punishment';
  suspended?: boolean;
}

export const batchColumns = ['序号', '参考编号', '主体名称', '主体代码', '核查编号', '名单状态', '在效信用记录', '适用措施', '结果'] as const;

/** One row per item of a batch, in the order sent: a check's lists, records and measures, or the item's error. Pure. */
export function batchRows(batch: Batch): string[][] {
  return batch.results.map((item) => {
    const base = [String(item.index + 1), item.reference ?? ''];
    if (!item.ok) return [...base, '', '', '', '', '', '', `未核查：${item.error.message}`];
    const c = item.check;
    const lists = [c.lists.blackListed ? '黑名单' : '', c.lists.dishonestDebtor ? '失信被执行人' : '', c.lists.redListed ? '红名单' : ''].filter(Boolean).join('、') || '无';
    const national = (c.nationalLists?.entries ?? []).map((e) => `${e.listLabel}${e.state === 'repaired' ? '（已信用修复）' : ''}（${e.publisher}，数据日期 ${e.listDate ?? '—'}${e.stale ? '，未及时更新' : ''}）`);
    const records = [...(c.records as ShownRecord[]).map((r) => `${r.kindLabel ?? ''} ${r.decisionNumber ?? ''}`.trim()), ...national].join('；') || '无';
    const measures = (c.measures as ShownMeasure[]).map((m) => `${m.kind === 'punishment' ? '惩戒' : '激励'}：${m.name}${m.suspended ? '（异议中，暂停）' : ''}`).join('；') || '无';
    return [...base, c.subject.name ?? '（平台无此主体记录）', c.subject.id, c.checkId, lists, records, measures, item.repeated ? '已核查（重复提交，返回原核查）' : '已核查'];
  });
}

/** The batch's results as a workbook a clerk files with the tender: every cell text, none a formula. */
export async function batchWorkbook(batch: Batch, args: { createdAt: Date }) {
  const Workbook = await loadWorkbook();
  const workbook = new Workbook();
  workbook.creator = 'county credit platform';
  workbook.created = args.createdAt;
  const ws = workbook.addWorksheet(excelSheetName('批量核查结果'), { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 30 }, { width: 22 }, { width: 28 }, { width: 16 }, { width: 40 }, { width: 44 }, { width: 30 }];
  const title = ws.addRow([neutraliseFormula(`批量信用核查结果：${batch.matter.name}（编号 ${batch.matter.reference}）`)]);
  ws.mergeCells(title.number, 1, title.number, batchColumns.length);
  title.font = { bold: true, size: 14 };
  ws.addRow([`共 ${batch.count} 个主体，已核查 ${batch.succeeded} 个，未核查 ${batch.failed} 个`]);
  const header = ws.addRow([...batchColumns]);
  header.font = { bold: true };
  for (const row of batchRows(batch)) ws.addRow(row.map(neutraliseFormula)).alignment = { vertical: 'top', wrapText: true };
  return {
    content: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: xlsxContentType,
    fileName: `批量核查结果-${batch.matter.reference}.xlsx`,
    asciiFileName: `check-batch-${batch.matter.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.xlsx`,
  };
}
