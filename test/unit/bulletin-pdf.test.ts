import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { bulletinCharts } from '../../shared/bulletins/bulletin-charts.ts';
import type { BulletinContent } from '../../shared/bulletins/bulletin-content.ts';
import { renderBulletinPdf } from '../../shared/bulletins/render-bulletin-pdf.ts';
import { missingCharacterSign } from '../../shared/pdf/pdf-fonts.ts';
import { accountabilityRows, bulletinFixture } from '../support/bulletin-fixture.ts';

/** The PDF rendered, timed, its pages' text extracted (without the spaces and line breaks the extractor puts between runs). */
async function rendered(content: BulletinContent) {
  const started = performance.now();
  const pdf = await renderBulletinPdf(content);
  const ms = performance.now() - started;
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  const pages = text.map((t) => t.replace(/\s+/g, ''));
  return { pdf, ms, pages, all: pages.join('\n'), count: doc.numPages };
}
const compact = (text: string) => text.replace(/\s+/g, '');

describe('the bulletin PDF', () => {
  it('says the month in extractable Chinese: title, county, office, text, every department and figure, chart titles, the accountability list and the rules', async () => {
    const content = bulletinFixture({ state: 'published', publishedOn: '2026-12-03' });
    const { pdf, ms, all, count } = await rendered(content);
    console.log(`bulletin PDF (5 departments, 6 months, 12 accountability rows): ${(pdf.length / 1024).toFixed(1)} KB, ${count} pages, rendered in ${ms.toFixed(0)} ms`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    for (const text of [
      content.title,
      '通报月份：2026年11月',
      '发布日期：2026-12-03',
      content.county.creditOfficeName,
      content.officeText[1]!,
      ...content.departments.map((d) => d.name),
      // figures of the table: counts, matters handled/checked, coverage, a department without matters, list states, score
      '140/126',
      '90.0%',
      '57.7%',
      '无办件',
      '按时',
      '未报送',
      '无需报送',
      '71.25',
      // the totals: 241 checks, 267 matters of which 216 checked
      '合计241222267/21680.9%',
      // the charts' titles and values, drawn from their shapes
      ...bulletinCharts(content).map((c) => c.title),
      '第1名',
      '2/4',
      ...content.accountability.map((a) => a.reference),
      '未说明不予适用“限制申请财政资金”的理由',
      '郏县赜堉建材商贸有限公司',
      ...content.scoring.rules.map((r) => r.name),
      `依据：${content.scoring.clause}`,
      `第1页/共${count}页`,
    ])
      expect(all, text).toContain(compact(text));
    expect(all).not.toContain('草稿');
    expect(all).not.toContain(missingCharacterSign);
  });

  it('names the bodies it is reported to where the county says so (Zanhuang: 县委、县政府), and none otherwise', async () => {
    expect((await rendered(bulletinFixture({ reportedTo: ['县委', '县政府'] }))).pages[0]).toContain('报送：县委、县政府');
    expect((await rendered(bulletinFixture())).all).not.toContain('报送：');
  });

  it('a draft says 草稿 on every page', async () => {
    const { pages } = await rendered(bulletinFixture());
    expect(pages[0]).toContain('状态：草稿');
    for (const page of pages) expect(page).toContain('草稿');
  });

  it('a long accountability list runs over more pages, its header on each', async () => {
    const short = await rendered(bulletinFixture({ accountability: accountabilityRows(12) }));
    const long = await rendered(bulletinFixture({ accountability: accountabilityRows(150) }));
    console.log(`bulletin PDF with 150 accountability rows: ${(long.pdf.length / 1024).toFixed(1)} KB, ${long.count} pages, rendered in ${long.ms.toFixed(0)} ms`);
    expect(long.count).toBeGreaterThanOrEqual(short.count + 3);
    const withRows = long.pages.filter((p) => /JX-ZJ-2026-11-\d{5}/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(4);
    for (const page of withRows) expect(page).toContain('办件编号/核查编号');
    expect(long.all).toContain('JX-ZJ-2026-11-00449');
    expect(long.all).toContain(`第${long.count}页/共${long.count}页`);
  });

  it('an empty month still renders: no department, no trend, no candidate, no office text yet', async () => {
    const { all, count } = await rendered(bulletinFixture({ departments: [], trend: [], accountability: [], officeText: [] }));
    expect(count).toBeGreaterThanOrEqual(1);
    for (const text of ['本月无已登记部门', '暂无数据', '本月无责任追究线索', '信用办尚未填写通报正文']) expect(all).toContain(text);
  });
});
