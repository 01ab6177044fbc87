/**
 * Browser walks of the assessment (考核) and the monthly bulletin (月通报), issue 17 §3, §4, §7: the local clock
 * moves across the month end to 09:00 on the county's draft day of the next month, and the schedule's function
 * drafts the month before's bulletin. The credit office reads the scores with their breakdowns, annotates one,
 * reads the year; opens the draft with its charts (the SVGs the PDF draws), writes its text and publishes; the
 * PDF it downloads is a PDF. A department then reads the published bulletin, its own row marked, and its own
 * score with the breakdown and the office's note. On one local platform with the demo data (Jia County). Every
 * page is a `w.step(...)`: a screenshot and axe-core's check (a serious or critical violation fails the walk).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/calendar/dates.ts';
import { shiftMonth } from '../../shared/compliance/month-facts.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('jiaxian');
const suite = walkSuite('bulletin-walks', county);
const base = () => suite.platform.apiUrl;
const note = '核查结果登记不全，请补登。';
let month: string;

beforeAll(async () => {
  month = localDate(suite.platform.clock.now(), county.timeZone).slice(0, 7);
  const draftDay = `${shiftMonth(month, 1)}-${String(county.bulletins.draftDay.day).padStart(2, '0')}`;
  await suite.platform.clock.set(`${draftDay}T09:00:00+08:00`);
  const drafted = (await suite.platform.invoke('prepare-bulletin', { date: draftDay })) as { drafted: boolean; month?: string };
  expect(drafted).toMatchObject({ drafted: true, month });
}, 120_000);

describe('browser walks of the assessment and the monthly bulletin (issue 17 §3, §4)', () => {
  it('credit office: scores with breakdowns, a note, the year; the draft bulletin with its charts, its text, published, its PDF', async () => {
    const w = await suite.start('office-bulletin');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-assessment').click();
      await page.getByTestId('assessment-table').waitFor();
      // The month before the platform's day by default: the month that just ended.
      expect(await page.locator('h1').textContent()).toContain(month);
      const rows = page.getByTestId('assessment-row');
      expect(await rows.count()).toBeGreaterThan(1);
      const ranks = await rows.evaluateAll((els) => els.map((e) => Number(e.querySelector('td')!.textContent)));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(await page.locator('[data-testid="assessment-row"][data-org="dept-finance"] [data-testid="assessment-score"]').textContent()).toMatch(/^\d+(\.\d)?$/);
      const finance = page.locator('[data-testid="assessment-details"][data-org="dept-finance"]');
      await finance.getByTestId('assessment-summary').click();
      const lines = finance.getByTestId('assessment-line');
      expect(await lines.count()).toBe(county.assessment.rules.length);
      expect(await finance.getByTestId('assessment-points').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^(\d+(\.\d)?|不计)$/)]));
      await w.step('assessment-breakdown');

      await finance.getByTestId('assessment-note-text').fill(note);
      await finance.getByTestId('assessment-note-submit').click();
      await eventually(() => page.locator('[data-testid="assessment-details"][data-org="dept-finance"] [data-testid="assessment-note"]').allTextContents()).toEqual([expect.stringContaining(note)]);
      await w.step('assessment-annotated');

      await page.getByTestId('assessment-year').fill(month.slice(0, 4));
      await page.getByTestId('assessment-year-submit').click();
      await page.getByTestId('assessment-year-table').waitFor();
      expect(await page.locator('[data-testid="assessment-year-row"][data-org="dept-finance"] [data-testid="assessment-year-score"]').textContent()).toMatch(/^\d+(\.\d)?$/);
      await w.step('assessment-year');

      await page.getByTestId('console-nav-bulletins').click();
      const item = page.locator(`[data-testid="bulletin-item"][data-month="${month}"]`);
      expect(await item.getAttribute('data-state')).toBe('draft');
      await item.getByTestId('bulletin-open').click();
      await page.locator('[data-testid="bulletin-charts"] svg[role="img"]').first().waitFor();
      const titles = await page.locator('[data-testid="bulletin-charts"] svg[role="img"] > title').allTextContents();
      for (const title of ['各部门信用核查次数', '各部门考核得分', '全县信用核查次数趋势', '全县逢办必查覆盖率趋势', '逾期公示与逾期答复趋势']) expect(titles.join('|')).toContain(title);
      expect(await page.getByTestId('bulletin-row').count()).toBeGreaterThan(1);
      expect(await page.getByTestId('bulletin-accountability-row').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('bulletin-state').textContent()).toBe('草稿');
      await w.step('bulletin-draft');

      await page.getByTestId('bulletin-text').fill('本月各部门核查总体平稳。\n\n请财政局补登核查结果。');
      await page.getByTestId('bulletin-text-save').click();
      await eventually(() => page.getByTestId('bulletin-message').textContent()).toBe('正文已保存。');
      expect(await page.getByTestId('bulletin-text').inputValue()).toBe('本月各部门核查总体平稳。\n\n请财政局补登核查结果。');
      await page.getByTestId('bulletin-publish').click();
      await page.getByTestId('bulletin-publish-confirm').waitFor();
      await w.step('bulletin-publish-confirm');
      await page.getByTestId('bulletin-publish-confirm').click();
      await eventually(() => page.getByTestId('bulletin-state').textContent()).toBe('已发布');
      expect(await page.getByTestId('bulletin-office-text').textContent()).toContain('请财政局补登核查结果。');
      expect(await page.getByTestId('bulletin-editor').count()).toBe(0);

      await page.getByTestId('bulletin-download-pdf').click();
      const link = page.getByTestId('bulletin-file-pdf');
      await link.waitFor();
      const file = await link.evaluate(async (a) => {
        const blob = await (await fetch(a.getAttribute('href')!)).blob();
        return { type: blob.type, head: await blob.slice(0, 5).text(), size: blob.size };
      });
      expect(file.type).toBe('application/pdf');
      expect(file.head).toBe('%PDF-');
      expect(file.size).toBeGreaterThan(10_000);
      await w.step('bulletin-published');
    });
  });

  it('department: the published bulletin with its own row marked, its own score with the breakdown and the note', async () => {
    const w = await suite.start('department-bulletin');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      await page.getByTestId('console-nav-bulletins').click();
      const item = page.locator(`[data-testid="bulletin-item"][data-month="${month}"]`);
      expect(await item.getAttribute('data-state')).toBe('published');
      await item.getByTestId('bulletin-open').click();
      await page.locator('[data-testid="bulletin-charts"] svg[role="img"]').first().waitFor();
      const mine = page.locator('[data-testid="bulletin-row"][data-mine="true"]');
      expect(await mine.count()).toBe(1);
      expect(await mine.getAttribute('data-org')).toBe('dept-finance');
      const published = await mine.getByTestId('bulletin-score').textContent();
      await eventually(() => page.getByTestId('own-score').textContent()).toContain(`得分 ${published}`);
      expect(await page.getByTestId('own-score').textContent()).toContain('已随通报发布');
      expect(await page.locator('[data-testid="own-assessment"] [data-testid="assessment-line"]').count()).toBe(county.assessment.rules.length);
      expect(await page.locator('[data-testid="own-assessment"] [data-testid="assessment-note"]').allTextContents()).toEqual([expect.stringContaining(note)]);
      expect(await page.getByTestId('bulletin-text-form').count()).toBe(0);
      await w.step('department-bulletin');
    });
  });
});
