/**
 * Browser walks of narrative filings (issue 17 §5), on Lianjiang (work summaries by 07-15 and 12-15, 六、(四)):
 * a department sees what is due, uploads a work summary (PDF) with its metadata and sees it among its filings;
 * the credit office sees per period which departments filed, late or not at all, and gets the document's link.
 * On one local platform with the demo data, its clock at 09:00 on the test date. Every page is a `w.step(...)`:
 * a screenshot and axe-core's check (a serious or critical violation fails the walk).
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('lianjiang');
const suite = walkSuite('filing-walks', county);
const base = () => suite.platform.apiUrl;
const today = () => localDate(suite.platform.clock.now(), county.timeZone);

describe('browser walks of narrative filings (issue 17 §5)', () => {
  let period = '';

  it('department: sees what is due, uploads its work summary with the metadata, and finds it among its filings', async () => {
    const w = await suite.start('department-filings');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-market');
      await page.getByTestId('console-nav-filings').click();
      await page.getByTestId('filings-due').waitFor();
      const due = page.getByTestId('filing-due');
      expect(await due.count()).toBe(2);
      expect(await page.getByTestId('filing-kinds').textContent()).toContain('连发改信用[2017]1号 六、(四)');
      await w.step('filings-due');

      period = (await page.getByTestId('filing-period').inputValue()).split('|')[1]!;
      await page.getByTestId('filing-title').fill('上半年信用记录和信用报告应用工作总结');
      await page.getByTestId('filing-summary').fill('在市场准入、行政审批中核查信用记录，依法对失信主体实施约束。');
      await page.getByTestId('filing-document-date').fill(today());
      await page.getByTestId('filing-file').setInputFiles({ name: '工作总结.pdf', mimeType: 'application/pdf', buffer: demoPdf });
      await page.getByTestId('filing-submit').click();
      await eventually(() => page.getByTestId('filing-saved').textContent()).toContain('第 1 版');
      const row = page.locator(`[data-testid="filing-due"][data-period="${period}"]`);
      expect(['onTime', 'late']).toContain(await row.getAttribute('data-state'));
      expect(await page.getByTestId('filing').count()).toBe(1);
      await w.step('filed');

      // The wrong file: a text file named .pdf is refused once posted, naming what it is not.
      await page.getByTestId('filing-title').fill('错误文件');
      await page.getByTestId('filing-summary').fill('不是 PDF');
      await page.getByTestId('filing-document-date').fill(today());
      await page.getByTestId('filing-file').setInputFiles({ name: '假文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
      await page.getByTestId('filing-submit').click();
      await eventually(() => page.getByTestId('filing-message').textContent()).toContain('not a PDF');
      expect(await page.getByTestId('filing').count()).toBe(1);
      await w.step('refused');
    });
  });

  it('credit office: per period, each department’s state; the filed document’s link', async () => {
    const w = await suite.start('office-filings');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-filings').click();
      await page.getByTestId('filing-period').first().waitFor();
      const section = page.locator(`[data-testid="filing-period"][data-period="${period}"]`);
      const market = section.locator('[data-testid="filing-department"][data-org-id="dept-market"]');
      expect(['onTime', 'late']).toContain(await market.getAttribute('data-state'));
      await w.step('status');
      await market.getByTestId('filing-download').click();
      const link = market.getByTestId('filing-download-link');
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      expect(Buffer.from(await (await fetch(href)).arrayBuffer()).equals(demoPdf)).toBe(true);
      await w.step('download-link');
    });
  });
});
