/**
 * Browser tests (issue 8): Debian's Chromium, headless, driven by playwright-core, walks the county's website
 * and console on a local platform with the demo data, as the public, a department, an agency and a subject
 * would. Each step leaves a full-page screenshot in test-results/screenshots/<walk>/<nn-step>.png (README,
 * "Browser tests"). Assertions are on visible text and data-testids, never on pixels.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { penaltyRuleInForce } from '../../shared/records/publicity-rules.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { penaltyHeaders, penaltyRow } from '../support/import-files.ts';
import { recordIdFor } from '../../shared/records/stored-record.ts';
import { eventually, walkSuite } from '../support/browser.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const demo = (key: string) => {
  const subject = demoSubjects(county).find((s) => s.key === key);
  if (!subject) throw new Error(`no demo subject ${key}`);
  return { ...subject, code: (subject.uscc ?? subject.residentId)! };
};
const [good, bad, objecting, person] = [demo('good'), demo('bad'), demo('objecting'), demo('person')];

/** The browser side of the page functions below (the root tsconfig has no DOM lib). */
interface ProgressBar {
  value: number;
  max: number;
}
declare const window: { progressSeen: number[] };
declare const HTMLProgressElement: { prototype: ProgressBar };

const isoDate = /\d{4}-\d{2}-\d{2}/;
/** The bad company's penalty (demo-records.ts), the record the public opens and the subject objects to. */
const badPenalty = `${county.name}市监罚〔2026〕45号`;
/** The bad company's warning by the summary procedure, decided 8 days before the test date: minor, withheld under order 36. */
const badMinorPenalty = `${county.name}市监罚〔2026〕48号`;

const suite = walkSuite('browser-walks', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
const base = () => platform.apiUrl;

describe('browser walks (Debian chromium, headless)', () => {
  it('public search: home → search by name → results → a record with its publicity end; a person found by ID number, masked', async () => {
    const w = await suite.start('public-search', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await w.run(async ({ page }) => {
      await w.open(base(), '/');
      await eventually(() => page.getByTestId('site-title').textContent()).toBe(county.siteName);
      await page.getByTestId('home-search-input').fill(`${county.name}失信商贸`);
      await w.step('home');

      await page.getByTestId('home-search-submit').click();
      const subject = page.locator(`[data-testid="search-subject"][data-subject-id="${bad.code}"]`);
      await subject.waitFor();
      expect(await subject.getByTestId('search-subject-name').textContent()).toBe(bad.name);
      expect(await subject.getByTestId('search-subject-id').textContent()).toBe(bad.code);
      const penalty = subject.locator('[data-testid="search-record"][data-kind="penalty"]');
      await eventually(() => penalty.count()).toBe(1);
      expect(await penalty.textContent()).toContain(badPenalty);
      expect(await penalty.textContent()).toMatch(new RegExp(`公示截止 ${isoDate.source}`));
      expect(await subject.getByTestId('search-record').count()).toBeGreaterThan(1);
      await w.step('results-by-name');

      await penalty.locator('a').click();
      await page.getByTestId('record-title').waitFor();
      expect(await page.getByTestId('record-kind').textContent()).toBe('行政处罚');
      expect(await page.getByTestId('record-status').getAttribute('data-status')).toBe('active');
      expect(await page.getByTestId('record-subject-name').textContent()).toBe(bad.name);
      expect(await page.getByTestId('record-subject-id').textContent()).toBe(bad.code);
      expect(await page.getByTestId('record-decision-number').textContent()).toBe(badPenalty);
      expect(await page.getByTestId('record-publicity-from').textContent()).toMatch(isoDate);
      expect(await page.getByTestId('record-publicity-end').textContent()).toMatch(isoDate);
      expect(await page.getByTestId('record-content').textContent()).toContain('没收违法所得，罚款人民币三万元');
      await w.step('record');

      // A person, by the ID number: found, but the number and the name are shown masked, on the list and the record.
      await page.getByTestId('nav-search').click();
      await page.getByTestId('search-input').fill(person.code);
      await page.getByTestId('search-submit').click();
      const found = page.getByTestId('search-subject');
      await found.waitFor();
      const maskedId = (await found.getByTestId('search-subject-id').textContent())!;
      expect(maskedId).not.toBe(person.code);
      expect(maskedId.startsWith(person.code.slice(0, 6)) && maskedId.endsWith(person.code.slice(-4))).toBe(true);
      expect(maskedId).toMatch(/\*/);
      expect(await found.getByTestId('search-subject-name').textContent()).not.toBe(person.name);
      await w.step('results-by-person-id');

      await found.locator('[data-testid="search-record"] a').first().click();
      await page.getByTestId('record-title').waitFor();
      expect(await page.getByTestId('record-subject-id').textContent()).toBe(maskedId);
      expect(await page.getByTestId('record-publicity-end').textContent()).toMatch(isoDate);
      expect(await page.getByTestId('record-content').textContent()).toContain('罚款人民币二千元');
      const text = (await page.locator('body').textContent())!;
      expect(text).not.toContain(person.code);
      expect(text).not.toContain(person.name);
      await w.step('person-record-masked');
    });
  });

  it('department check: dept-finance checks the bad company (punishments) and the objecting one (punishments suspended, with the objection id), and records the outcome', async () => {
    const w = await suite.start('department-check');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      const form = page.getByTestId('check-form');
      await form.waitFor();
      await w.step('check-form');

      const check = async (subjectId: string, reference: string) => {
        await page.getByTestId('check-subject').fill(subjectId);
        await page.getByTestId('check-matter-type').selectOption('procurement');
        await page.getByTestId('check-matter-reference').fill(reference);
        await page.getByTestId('check-matter-name').fill('办公家具采购（浏览器测试）');
        await page.getByTestId('check-submit').click();
        await page.locator(`[data-testid="check-subject-shown"]:has-text("${subjectId}")`).waitFor();
        expect(await page.getByTestId('check-id').textContent()).toMatch(/\S/);
        expect(await page.getByTestId('check-matter').textContent()).toContain(reference);
      };

      // The bad company: black-listed, a dishonest judgment debtor; punishments in force.
      await check(bad.code, 'ZC-BROWSER-01');
      expect(await page.getByTestId('check-subject-shown').textContent()).toContain(bad.name);
      expect(await page.getByTestId('check-lists').textContent()).toMatch(/黑名单/);
      expect(await page.getByTestId('check-lists').textContent()).toMatch(/失信被执行人/);
      const inForce = page.locator('[data-testid="check-measure"][data-kind="punishment"][data-suspended="false"]');
      expect(await inForce.count()).toBeGreaterThan(0);
      await eventually(() => inForce.first().isVisible()).toBe(true);
      expect(await inForce.first().textContent()).toContain('惩戒');
      expect(await page.getByTestId('check-record').count()).toBeGreaterThan(0);
      await w.step('bad-company-punishments');

      // Its outcome: the punishments applied, the matter refused.
      await page.getByTestId('outcome-usage').fill('查询信用记录：该主体为重大税收违法失信主体、失信被执行人');
      const boxes = page.getByTestId('outcome-measure');
      expect(await boxes.count()).toBeGreaterThan(0);
      await boxes.first().check();
      await page.getByTestId('outcome-decision').selectOption('rejected');
      await page.getByTestId('outcome-submit').click();
      await eventually(() => page.getByTestId('outcome-saved').textContent()).toBe('核查结果已登记。');
      await w.step('bad-company-outcome-saved');

      // The objecting company: its punishments are suspended while the objection is answered, marked with the objection's id.
      await check(objecting.code, 'ZC-BROWSER-02');
      expect(await page.getByTestId('check-subject-shown').textContent()).toContain(objecting.name);
      const suspended = page.locator('[data-testid="check-measure"][data-kind="punishment"][data-suspended="true"]');
      expect(await suspended.count()).toBeGreaterThan(0);
      const marker = suspended.first().getByTestId('check-measure-suspended');
      await eventually(() => marker.isVisible()).toBe(true);
      const objectionIds = (await marker.getAttribute('data-objections'))!.split(' ').filter(Boolean);
      expect(objectionIds.length).toBeGreaterThan(0);
      for (const id of objectionIds) expect(await marker.textContent()).toContain(id);
      expect(await marker.textContent()).toMatch(/^已中止：异议 /);
      // The records they rest on show the same objection ids, and these are the objections the platform holds on the company.
      const recordObjections = (await page.getByTestId('check-record-objection').allTextContents()).map((t) => t.replace(/^异议 /, ''));
      for (const id of objectionIds) expect(recordObjections).toContain(id);
      const held = await callApi(platform, 'GET', '/objections', 'subject', objecting.code);
      expect(held.status).toBe(200);
      const heldIds = (held.body.cases as { caseId: string }[]).map((c) => c.caseId);
      for (const id of objectionIds) expect(heldIds).toContain(id);
      // Suspended punishments are not offered as measures to apply.
      for (const id of await suspended.evaluateAll((items) => items.map((item) => item.getAttribute('data-measure-id')))) {
        expect(await page.locator(`[data-testid="outcome-measure"][data-measure-id="${id}"]`).count()).toBe(0);
      }
      await w.step('objecting-company-suspended');

      await page.getByTestId('outcome-usage').fill('查询信用记录：惩戒措施因异议处理中已中止，待核查结论');
      await page.getByTestId('outcome-decision').selectOption('pending');
      await page.getByTestId('outcome-submit').click();
      await eventually(() => page.getByTestId('outcome-saved').textContent()).toBe('核查结果已登记。');
      await w.step('objecting-company-outcome-saved');
    });
  });

  it('department import: dept-finance downloads the 行政处罚 template, fills 20 rows of which 3 are wrong, uploads it and follows it, downloads the result with the 3 errors named by column, mends them, uploads again, and the 20 records exist once each', async () => {
    const w = await suite.start('department-import', { acceptDownloads: true });
    const files = mkdtempSync(join(tmpdir(), 'walk-import-'));
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      await page.getByTestId('console-nav-import').click();
      await page.getByTestId('import-form').waitFor();
      await w.step('import-page');

      // The template, as the clerk saves it.
      const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-penalty').click()]);
      expect(templateDownload.suggestedFilename()).toBe('行政处罚导入模板.xlsx');
      const templatePath = join(files, 'template.xlsx');
      await templateDownload.saveAs(templatePath);
      const template = new ExcelJS.Workbook();
      await template.xlsx.readFile(templatePath);
      const sheet = template.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(headers).toEqual(penaltyHeaders);

      // 20 rows typed into the template, 3 of them wrong.
      const rows = Array.from({ length: 20 }, (_, i) => penaltyRow({ divisionCode: county.divisionCode, today: testDate, n: 500 + i, prefix: '郏财罚浏览器' }));
      const wrong = rows.map((row) => ({ ...row }));
      wrong[2]!['统一社会信用代码'] = `${rows[2]!['统一社会信用代码']!.slice(0, 17)}${rows[2]!['统一社会信用代码']!.endsWith('0') ? '1' : '0'}`;
      wrong[7]!['处罚决定日期'] = '2026-02-30';
      wrong[12]!['处罚类别'] = '罚没';
      wrong.forEach((row, i) => headers.forEach((header, c) => (sheet.getCell(i + 2, c + 1).value = row[header] ?? null)));
      const filled = join(files, '11月行政处罚.xlsx');
      await template.xlsx.writeFile(filled);

      await page.getByTestId('import-kind').selectOption('penalty');
      await page.getByTestId('import-file').setInputFiles(filled);
      await page.getByTestId('import-submit').click();
      const view = page.getByTestId('import-view');
      await view.waitFor();
      expect(await page.getByTestId('import-file-name').textContent()).toBe('11月行政处罚.xlsx');
      expect(await page.getByTestId('import-upload-progress').evaluate((bar) => (bar as unknown as ProgressBar).value)).toBe(100);
      await w.step('import-progress');
      await eventually(() => view.getAttribute('data-state')).toBe('done');
      expect(await page.getByTestId('import-rows-read').textContent()).toBe('20');
      expect(await page.getByTestId('import-created').textContent()).toBe('17');
      expect(await page.getByTestId('import-refused').textContent()).toBe('3');
      expect(await page.getByTestId('refused-column').allTextContents()).toEqual(['统一社会信用代码', '处罚决定日期', '处罚类别']);
      await w.step('import-done-3-refused');

      // The result file: the clerk's rows with 结果, 字段, 错误; the 3 refused rows name their columns.
      const [resultDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-result').click()]);
      const resultPath = join(files, 'result.xlsx');
      await resultDownload.saveAs(resultPath);
      const result = new ExcelJS.Workbook();
      await result.xlsx.readFile(resultPath);
      const resultSheet = result.worksheets[0]!;
      const resultHeaders = (resultSheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(resultHeaders).toEqual([...headers, '结果', '字段', '错误']);
      const verdictColumn = headers.length + 1;
      const refusedRows = Array.from({ length: 20 }, (_, i) => i + 2).filter((r) => resultSheet.getCell(r, verdictColumn).value === '未通过');
      expect(refusedRows).toEqual([4, 9, 14]);
      expect(refusedRows.map((r) => resultSheet.getCell(r, verdictColumn + 1).value)).toEqual(['统一社会信用代码', '处罚决定日期', '处罚类别']);

      // Mended in the result file itself, and uploaded again.
      for (const [index, header] of [[2, '统一社会信用代码'], [7, '处罚决定日期'], [12, '处罚类别']] as const)
        resultSheet.getCell(index + 2, headers.indexOf(header) + 1).value = rows[index]![header]!;
      const mended = join(files, '11月行政处罚-修改后.xlsx');
      await result.xlsx.writeFile(mended);
      await page.getByTestId('import-file').setInputFiles(mended);
      await page.getByTestId('import-submit').click();
      await eventually(() => page.getByTestId('import-file-name').textContent()).toBe('11月行政处罚-修改后.xlsx');
      await eventually(() => page.getByTestId('import-view').getAttribute('data-state')).toBe('done');
      expect(await page.getByTestId('import-created').textContent()).toBe('3');
      expect(await page.getByTestId('import-unchanged').textContent()).toBe('17');
      expect(await page.getByTestId('import-refused').textContent()).toBe('0');
      await w.step('import-mended-done');

      // The 20 records exist, once each (one version, one record id per decision number).
      for (const row of rows) {
        const answer = await callApi(platform, 'GET', `/records/${recordIdFor('dept-finance', 'penalty', row['行政处罚决定书文号']!)}?history=true`, 'department', 'dept-finance');
        expect(answer.status, row['行政处罚决定书文号']).toBe(200);
        expect(answer.body.versions).toHaveLength(1);
      }
      expect((await callApi(platform, 'GET', `/subjects/${rows[0]!['统一社会信用代码']}/records`, 'department', 'dept-finance')).body.records).toHaveLength(1);

      // The department's data-quality desk names the import with its 3 refused rows and what to do.
      await page.getByTestId('console-nav-quality').click();
      const imports = page.getByTestId('quality-imports-item');
      await imports.first().waitFor();
      expect(await imports.count()).toBe(1);
      expect(await imports.first().textContent()).toContain('11月行政处罚.xlsx');
      expect(await imports.first().textContent()).toContain('导入结果');
      await w.step('data-quality-desk');

      // The credit office sees the department's count among all departments'.
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-quality').click();
      const row = page.locator('[data-testid="quality-row"][data-org="dept-finance"]');
      await row.waitFor();
      expect(await row.getByTestId('quality-refused-rows').textContent()).toBe('3');
      await w.step('data-quality-office');
    });
    rmSync(files, { recursive: true, force: true });
  });

  it('agency upload: agency-xinyuan fills the form, chooses a PDF, the progress bar climbs to 100% and the report is accepted', async () => {
    const w = await suite.start('agency-upload');
    await w.run(async ({ page }) => {
      // A generated PDF of ~1.5 MB (the demo's small PDF with comment lines), so that progress has something to show.
      const pdfFile = join(mkdtempSync(join(tmpdir(), 'agency-upload-')), '信用报告-浏览器测试.pdf');
      const padding = `%${'0'.repeat(98)}\n`.repeat(15_000);
      const eof = demoPdf.indexOf('trailer');
      writeFileSync(pdfFile, Buffer.concat([demoPdf.subarray(0, eof), Buffer.from(padding), demoPdf.subarray(eof)]));

      // Every value the page gives the bar, in order (the page is one document: hash routes do not reload it).
      await w.context.addInitScript(() => {
        const value = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value')!;
        const seen: number[] = (window.progressSeen = []);
        Object.defineProperty(HTMLProgressElement.prototype, 'value', { ...value, set(this: ProgressBar, v: number) { seen.push(Number(v)); value.set!.call(this, v); } });
      });
      await w.signIn(base(), 'agency', 'agency-xinyuan');
      await page.getByTestId('upload-form').waitFor();
      const progress = page.getByTestId('upload-progress');
      expect(await progress.isVisible()).toBe(true);
      expect(await progress.evaluate((bar: ProgressBar) => [bar.value, bar.max])).toEqual([0, 100]);
      const reportNumber = `XY-BROWSER-${Date.now()}`;
      await page.getByTestId('upload-subject').fill(good.code);
      await page.getByTestId('upload-report-number').fill(reportNumber);
      await page.getByTestId('upload-report-type').selectOption('comprehensive');
      await page.getByTestId('upload-rating').fill('AA');
      // Issued on the platform's day (the test date), whatever day the browser's own clock says.
      await page.getByTestId('upload-issue-date').fill(testDate);
      await page.getByTestId('upload-risk-warning').fill('无重大风险');
      await page.getByTestId('upload-file').setInputFiles(pdfFile);
      await w.step('form-filled');

      // The upload goes straight to S3 (the emulator) from the browser; slowed to ~1 MB/s so the bar is seen moving.
      const cdp = await w.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
      await page.getByTestId('upload-submit').click();
      await page.waitForFunction(() => window.progressSeen.some((v) => v > 0 && v < 100), undefined, { polling: 50 });
      expect(await page.getByTestId('upload-id').textContent()).toMatch(/\S/);
      await w.step('uploading');

      await page.waitForFunction(() => window.progressSeen.includes(100), undefined, { polling: 50 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      // The bar climbed with the upload (XMLHttpRequest's upload progress), not only set to 100 at the end.
      const seen = await page.evaluate(() => window.progressSeen);
      const climb = seen.slice(seen.indexOf(0), seen.indexOf(100) + 1);
      expect(climb.filter((v) => v > 0 && v < 100).length, `progress values ${seen.join(', ')}`).toBeGreaterThan(2);
      expect(climb, `progress values ${seen.join(', ')}`).toEqual([...climb].sort((a, b) => a - b));
      // Then the platform checks the file (an S3 event to receive-upload) and the page follows the upload's state.
      const state = page.getByTestId('upload-state');
      // The page asks for the state ten times, a second apart, then leaves 刷新状态 to the user; a busy machine may take longer.
      const deadline = Date.now() + 45_000;
      let asked = Date.now();
      for (let now = await state.getAttribute('data-state'); now !== 'accepted'; now = await state.getAttribute('data-state')) {
        if (now !== 'pending' || Date.now() > deadline) throw new Error(`the upload is ${now}, not accepted: ${await page.getByTestId('upload-status').textContent()}`);
        if (Date.now() - asked > 12_000) {
          await page.getByTestId('upload-refresh').click();
          asked = Date.now();
        }
        await page.waitForTimeout(250);
      }
      expect(await state.textContent()).toBe('已接收');
      expect(await progress.evaluate((bar: ProgressBar) => bar.value)).toBe(100);
      expect(await page.getByTestId('upload-report-id').textContent()).toMatch(/\S/);
      expect(await page.getByTestId('error').count()).toBe(0);
      await w.step('accepted');
    });
  }, 90_000);

  it('subject objection: the bad company signs in, sees its records, objects to a penalty, and sees the objection verifying with its answer day', async () => {
    const w = await suite.start('subject-objection');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'subject', bad.code);
      const records = page.getByTestId('my-records');
      await records.waitFor();
      expect(await page.getByTestId('my-subject').textContent()).toContain(bad.name);
      const penalty = page.locator(`[data-testid="my-record"]:has-text("${badPenalty}")`);
      expect(await penalty.getAttribute('data-status')).toBe('active');
      expect(await page.getByTestId('my-record').count()).toBeGreaterThan(1);
      // Its warning by the summary procedure is minor: under NDRC order 36 not published, and the company sees why.
      const minor = page.locator(`[data-testid="my-record"]:has-text("${badMinorPenalty}")`);
      if (penaltyRuleInForce(addDays(testDate, -8)).id === 'ndrc-order-36') {
        expect(await minor.getByTestId('my-record-withheld').textContent()).toContain('轻微失信信息');
        expect(await minor.getByTestId('my-record-withheld').textContent()).toContain('国家发展改革委令2025年第36号');
      } else expect(await minor.getByTestId('my-record-withheld').count()).toBe(0);
      expect(await penalty.getByTestId('my-record-withheld').count()).toBe(0);
      const recordId = (await penalty.getAttribute('data-record-id'))!;
      await w.step('my-records');

      await penalty.getByTestId('my-record-object').click();
      const form = page.getByTestId('objection-form');
      await form.waitFor();
      expect(await page.getByTestId('objection-record').inputValue()).toBe(recordId);
      await page.getByTestId('objection-reason').fill('抽检样品并非本公司销售的批次，申请核查并撤销该处罚信息。');
      await w.step('objection-form');

      await page.getByTestId('objection-submit').click();
      const detail = page.getByTestId('objection-detail');
      await detail.waitFor();
      expect(await page.getByTestId('objection-created').textContent()).toContain('异议已提交');
      const caseId = (await page.getByTestId('objection-id').textContent())!;
      expect(await detail.getAttribute('data-case-id')).toBe(caseId);
      expect(await page.getByTestId('objection-state').textContent()).toBe('核查中');
      // The answer day is set when the workflow opens the case, moments after the objection is stored: a
      // subject who looks again sees it (the first view may come before the workflow's first task).
      await expect
        .poll(async () => {
          const shown = await page.getByTestId('objection-answer-by').textContent();
          if (!isoDate.test(shown ?? '')) {
            await page.reload();
            await detail.waitFor();
          }
          return page.getByTestId('objection-answer-by').textContent();
        }, { timeout: 30_000, interval: 500 })
        .toMatch(isoDate);
      expect(await page.getByTestId('objection-record-shown').textContent()).toBe(badPenalty);
      expect(await page.getByTestId('objection-reason-shown').textContent()).toContain('抽检样品');
      const answerBy = (await page.getByTestId('objection-answer-by').textContent())!;
      await w.step('objection-raised');

      await page.getByTestId('objection-back').click();
      const listed = page.locator(`[data-testid="objection"][data-case-id="${caseId}"]`);
      await listed.waitFor();
      expect(await listed.getAttribute('data-state')).toBe('verifying');
      expect(await listed.textContent()).toContain('核查中');
      expect(await listed.textContent()).toContain(`答复期限 ${answerBy}`);
      await w.step('objections-list');

      // Back on its records: the penalty is under objection and links to the objection.
      await page.getByTestId('console-nav-records').click();
      const objected = page.locator(`[data-testid="my-record"][data-record-id="${recordId}"]`);
      await eventually(() => objected.getAttribute('data-status')).toBe('underObjection');
      expect(await objected.getByTestId('my-record-objection').textContent()).toContain(caseId);
      await w.step('records-under-objection');
    });
  });
});
