/**
 * Browser walks of the national lists (issue 18 part 2): the credit office sees each list's date and freshness,
 * uploads a malformed file (refused whole, every bad row named) and a valid changes file (applied), and looks a
 * subject up; a department's check of a listed company shows the county's punishment with the list's source, date
 * and freshness, and a repaired entry as repaired, punishing no more. On one local platform with the demo data
 * (local/demo/demo-national-lists.ts), its clock at 09:00 on the test date. Every page is a `w.step(...)`: a
 * screenshot and axe-core's check (a serious or critical violation fails the walk).
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoNationalSubjects } from '../../local/demo/demo-national-lists.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('jiaxian');
const { debtor, repaired, barred } = demoNationalSubjects(county);
const suite = walkSuite('national-list-walks', county);
const base = () => suite.platform.apiUrl;
const today = () => localDate(suite.platform.clock.now(), county.timeZone);
const newcomer = `91${county.divisionCode}MA3NL7Q99`;
const newcomerCode = newcomer + usccCheckCharacter(newcomer);

const spcHeader = ['被执行人姓名/名称', '身份证号码/组织机构代码', '法定代表人或者负责人姓名', '执行法院', '省份', '执行依据文号', '立案时间', '案号', '做出执行依据单位', '生效法律文书确定的义务', '被执行人的履行情况', '失信被执行人行为具体情形', '发布时间', '状态'];
const row = (name: string, code: string, caseNumber: string) => [name, code, '李法人', '郏县人民法院', '河南', '（2025）豫0425民初9号', addDays(today(), -50), caseNumber, '郏县人民法院', '支付工程款', '全部未履行', '拒不履行', addDays(today(), -20), '新增'];
const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

describe('browser walks of the national lists (issue 18 part 2)', () => {
  it('credit office: each list’s freshness; a malformed file refused row by row; a changes file applied; a subject looked up', async () => {
    const w = await suite.start('office-national-lists');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-national-lists').click();
      await page.getByTestId('national-sources').waitFor();
      const spc = page.locator('[data-testid="national-source"][data-source="spc-dishonest-debtors"]');
      expect(await spc.getAttribute('data-stale')).toBe('false');
      expect(await spc.getByTestId('national-source-freshness').textContent()).toContain(`数据日期 ${addDays(today(), -1)}（1 天前）`);
      expect(await spc.getByTestId('national-source-listed').textContent()).toBe('1');
      // The tax list was never imported in the demo: shown stale.
      expect(await page.locator('[data-testid="national-source"][data-source="tax-major-violations"]').getAttribute('data-stale')).toBe('true');
      await w.step('sources');

      // A changes file with a bad code and a missing case number: refused whole, each problem by row and column.
      await page.getByTestId('national-upload-source').selectOption('spc-dishonest-debtors');
      await page.getByTestId('national-upload-date').fill(today());
      await page.getByTestId('national-upload-mode').selectOption('changes');
      const bad = `${newcomerCode.slice(0, 17)}${newcomerCode.endsWith('A') ? 'B' : 'A'}`;
      await page.getByTestId('national-upload-file').setInputFiles({ name: '变更.csv', mimeType: 'text/csv', buffer: csv([spcHeader, row('郏县新失信有限公司', bad, '（2026）豫0425执500号'), row('郏县另一有限公司', newcomerCode, '')]) });
      await page.getByTestId('national-upload-submit').click();
      await page.getByTestId('national-refused').waitFor();
      expect(await page.getByTestId('national-refused-row').count()).toBe(2);
      expect(await page.locator('[data-testid="national-refused-row"][data-row="2"]').textContent()).toContain('身份证号码/组织机构代码');
      expect(await page.locator('[data-testid="national-refused-row"][data-row="3"]').textContent()).toContain('案号');
      expect(await page.getByTestId('national-refused-message').textContent()).toContain('整份文件未导入');
      await w.step('refused');

      // The corrected file is applied at once.
      await page.getByTestId('national-upload-file').setInputFiles({ name: '变更.csv', mimeType: 'text/csv', buffer: csv([spcHeader, row('郏县新失信有限公司', newcomerCode, '（2026）豫0425执500号')]) });
      await page.getByTestId('national-upload-submit').click();
      await eventually(() => page.getByTestId('national-upload-summary').textContent()).toContain('新增 1 条');
      expect(await page.locator('[data-testid="national-source"][data-source="spc-dishonest-debtors"]').getByTestId('national-source-listed').textContent()).toBe('2');
      expect(await page.locator('[data-testid="national-import"][data-status="applied"]').count()).toBeGreaterThanOrEqual(4);
      await w.step('applied');

      await page.getByTestId('national-lookup-subject').fill(repaired.uscc);
      await page.getByTestId('national-lookup-submit').click();
      const entry = page.getByTestId('national-entry');
      await entry.waitFor();
      expect(await entry.getAttribute('data-state')).toBe('repaired');
      expect(await entry.textContent()).toContain('已信用修复');
      await w.step('lookup');
    });
  });

  it('department: a check of a listed company shows the punishment with the list’s source, date and freshness; a repaired one punishes no more', async () => {
    const w = await suite.start('department-national-check');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      const check = async (subjectId: string, reference: string) => {
        await page.getByTestId('check-subject').fill(subjectId);
        await page.getByTestId('check-matter-type').selectOption('procurement');
        await page.getByTestId('check-matter-reference').fill(reference);
        await page.getByTestId('check-matter-name').fill('办公设备采购（名单测试）');
        await page.getByTestId('check-submit').click();
        await page.locator(`[data-testid="check-subject-shown"]:has-text("${subjectId}")`).waitFor();
      };
      await page.getByTestId('check-form').waitFor();

      await check(debtor.uscc, 'ZC-NL-01');
      expect(await page.getByTestId('check-subject-shown').textContent()).toContain(debtor.name);
      const entry = page.locator('[data-testid="check-national-entry"][data-source="spc-dishonest-debtors"]');
      expect(await entry.getAttribute('data-state')).toBe('listed');
      expect(await entry.textContent()).toContain('失信被执行人名单');
      expect(await entry.textContent()).toContain('最高人民法院');
      expect(await entry.textContent()).toContain('执行依据');
      // The list's date: the demo's, or today's when the office's walk applied a changes file first.
      expect(await entry.getByTestId('check-national-freshness').textContent()).toMatch(/^数据日期 \d{4}-\d{2}-\d{2}（[01] 天前）$/);
      expect(await page.getByTestId('check-lists').textContent()).toMatch(/失信被执行人/);
      const punishment = page.locator('[data-testid="check-measure"][data-kind="punishment"][data-suspended="false"]');
      expect(await punishment.count()).toBeGreaterThan(0);
      expect(await punishment.first().getByTestId('check-measure-national').textContent()).toBe('依据国家名单：失信被执行人名单');
      await w.step('listed-debtor');

      await check(repaired.uscc, 'ZC-NL-02');
      const repairedEntry = page.getByTestId('check-national-entry');
      expect(await repairedEntry.getAttribute('data-state')).toBe('repaired');
      expect(await repairedEntry.getByTestId('check-national-state').textContent()).toContain('已信用修复');
      expect(await page.locator('[data-testid="check-measure"][data-kind="punishment"]').count()).toBe(0);
      await w.step('repaired-debtor');

      // A procurement ban: a black list of its name, the county's punishment for it.
      await check(barred.uscc, 'ZC-NL-03');
      expect(await page.locator('[data-testid="check-national-entry"][data-source="procurement-serious-violations"]').count()).toBe(1);
      expect(await page.getByTestId('check-lists').textContent()).toMatch(/黑名单/);
      await w.step('procurement-ban');
    });
  });
});
