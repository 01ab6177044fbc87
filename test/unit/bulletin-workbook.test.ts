import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BulletinContent } from '../../shared/bulletins/bulletin-content.ts';
import { bulletinHeaderRow, bulletinSheetNames, bulletinWorkbook } from '../../shared/bulletins/bulletin-workbook.ts';
import { bulletinFixture } from '../support/bulletin-fixture.ts';

/** The workbook written, then read back as a spreadsheet program would open it. */
async function readBack(content: BulletinContent) {
  const buffer = await bulletinWorkbook(content);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const sheet = (name: string) => workbook.getWorksheet(name)!;
  /** A sheet's rows below its header, as plain values. */
  const rows = (name: string) => {
    const ws = sheet(name);
    const out: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > bulletinHeaderRow) out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };
  return { buffer, workbook, sheet, rows };
}

describe('the bulletin workbook', () => {
  const content = bulletinFixture();

  it('has the four sheets, each with its title, a bold frozen header and widths set', async () => {
    const { workbook, sheet } = await readBack(content);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['部门情况', '趋势', '责任追究', '评分规则']);
    for (const name of Object.values(bulletinSheetNames)) {
      const ws = sheet(name);
      expect(String(ws.getCell(1, 1).value)).toContain('（草稿）');
      const header = ws.getRow(bulletinHeaderRow);
      header.eachCell((cell) => expect(cell.font?.bold, `${name} ${cell.address}`).toBe(true));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: bulletinHeaderRow });
      for (let c = 1; c <= header.cellCount; c += 1) expect(ws.getColumn(c).width, `${name} column ${c}`).toBeGreaterThan(5);
      expect(ws.headerFooter.oddHeader).toContain('草稿');
    }
    expect(sheet('部门情况').getRow(bulletinHeaderRow).values).toEqual([
      undefined, '名次', '部门', '核查次数', '已录入结果', '办件数', '已核查办件', '覆盖率', '逾期公示', '逾期答复', '使用情况清单', '材料应报', '材料按时', '得分', '责任追究线索',
    ]);
  });

  it('部门情况: a row per department with numbers, coverage as a percentage, no coverage said in words, and the totals', async () => {
    const { rows, sheet } = await readBack(content);
    const table = rows('部门情况');
    expect(table).toHaveLength(5 + 2); // the departments, 合计, the note
    expect(table[0]).toEqual([1, '郏县市场监督管理局', 128, 120, 140, 126, 0.9, 0, 0, '按时', 1, 1, 96.5, 2]);
    expect(table[2]!.slice(0, 7)).toEqual([3, '郏县住房和城乡建设局城乡建设管理综合执法大队', 37, 29, 52, 30, 30 / 52]);
    expect(table[3]![6]).toBe('无办件');
    expect(table[4]!.slice(0, 10)).toEqual([5, '郏县人力资源和社会保障局', 0, 0, 0, 0, '无办件', 0, 0, '无需报送']);
    expect(table[5]).toEqual([undefined, '合计', 241, 222, 267, 216, 216 / 267, 4, 3, '按时 2/4', 3, 2, undefined, 12]);
    const ws = sheet('部门情况');
    expect(ws.getCell(3, 7).numFmt).toBe('0.0%');
    expect(ws.getRow(8).font?.bold).toBe(true);
    expect(ws.getCell(3, 2).alignment?.wrapText).toBe(true);
  });

  it('趋势: one row per month, ratios as percentages, none when nothing to divide', async () => {
    const { rows, sheet } = await readBack(content);
    const trend = rows('趋势');
    expect(trend.map((r) => r[0])).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(trend[0]).toEqual(['2026-06', 96, '无办件', 6, 2, 3, 5, 0.6]);
    expect(trend[2]).toEqual(['2026-08', 188, 0.705, 5, 1, 0, 0, '无应报']);
    expect(sheet('趋势').getCell(4, 3).numFmt).toBe('0.0%');
    expect(sheet('趋势').getCell(4, 8).numFmt).toBe('0.0%');
  });

  it('责任追究 and 评分规则: every candidate and every rule, with the clause', async () => {
    const { rows } = await readBack(content);
    const list = rows('责任追究');
    expect(list).toHaveLength(12);
    expect(list[0]).toEqual([1, content.accountability[0]!.department, '办理未核查', 'JX-ZJ-2026-11-00301', '城镇污水排入排水管网许可', '郏县赜堉建材商贸有限公司（91410425MA45E8TH52）', '2026-11-01', '未核查信用记录']);
    expect(list[2]![2]).toBe('惩戒未说明');
    const rules = rows('评分规则');
    expect(rules.slice(0, 5).map((r) => [r[0], r[1]])).toEqual(content.scoring.rules.map((r) => [r.name, r.weight]));
    expect(rules.at(-1)).toEqual(['依据', undefined, content.scoring.clause]);
  });

  it('neutralises text that would open as a formula, and says when there is no candidate', async () => {
    const { rows, sheet } = await readBack(
      bulletinFixture({
        state: 'published',
        publishedOn: '2026-12-03',
        departments: [{ ...content.departments[0]!, name: '=HYPERLINK("http://x","局")' }],
        accountability: [],
      }),
    );
    expect(rows('部门情况')[0]![1]).toBe(`'=HYPERLINK("http://x","局")`);
    expect(rows('责任追究')).toEqual([[undefined, '本月无责任追究线索']]);
    expect(String(sheet('部门情况').getCell(1, 1).value)).not.toContain('草稿');
  });
});
