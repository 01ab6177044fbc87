/**
 * Browser walk (issue 15 §1): a department enters a record in the console. dept-finance opens 信用记录, fills
 * a 行政处罚 form built from the record schema, sees the inline error of a bad code named in Chinese, mends
 * it, sees the publication deadline and the 逾期 flag of a decision 20 days ago before submitting, submits,
 * finds the record in its list by filter, corrects it with a reason, and sees its 2 versions with the reason.
 * Screenshots in test-results/screenshots/record-entry/; every step is checked by axe (test/support/browser.ts).
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { publicationDeadline } from '../../shared/records/publication-deadline.ts';
import { recordIdFor } from '../../shared/records/stored-record.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { eventually, walkSuite } from '../support/browser.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const company = { code: uscc('MAWLK0001'), name: `${county.name}录入演示商贸有限公司` };
const badCode = `${company.code.slice(0, 17)}${company.code[17] === '0' ? '1' : '0'}`;
const decisionNumber = `${county.name}财罚〔2026〕WALK1号`;
const decisionDate = addDays(testDate, -20);
const expected = publicationDeadline(decisionDate, testDate, county, workingDayCalendar(county.calendar));
const recordId = recordIdFor('dept-finance', 'penalty', decisionNumber);
const reason = '罚款金额录入有误，按决定书更正';

const suite = walkSuite('record-entry-walk', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
const base = () => platform.apiUrl;

describe('record entry walk (Debian chromium, headless)', () => {
  it('dept-finance enters a 行政处罚: an inline error for a bad code, the deadline and 逾期 before submit, found by filter, corrected with a reason, 2 versions', async () => {
    expect(expected.late).toBe(true);
    const w = await suite.start('record-entry');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      await page.getByTestId('console-nav-records').click();
      await page.locator('[data-testid="records-list"], [data-testid="records-empty"]').first().waitFor();
      await w.step('records');

      await page.getByTestId('records-new').click();
      const form = page.locator('[data-testid="entry-form"][data-kind="penalty"]');
      await form.waitFor();
      expect(await page.getByTestId('entry-kind').inputValue()).toBe('penalty');
      await page.getByTestId('entry-subject-name').fill(company.name);
      await page.getByTestId('entry-subject-category').selectOption('legalPerson');
      await page.getByTestId('entry-subject-uscc').fill(badCode);
      await page.getByTestId('entry-decision-number').fill(decisionNumber);
      await page.getByTestId('entry-decision-date').fill(decisionDate);
      await page.getByTestId('entry-authority-name').fill(`${county.name}财政局`);
      await page.getByTestId('entry-authority-uscc').fill(uscc('MAWLK0009'));
      await page.getByTestId('entry-source-department').fill(`${county.name}财政局`);
      await page.getByTestId('entry-violation-type').fill('政府采购中提供虚假材料');
      await page.getByTestId('entry-facts').fill('投标文件中提供虚假业绩证明');
      await page.getByTestId('entry-legal-basis').fill('《中华人民共和国政府采购法》第七十七条');
      await page.locator('[data-testid="entry-penalty-categories-option"][data-value="fine"]').check();
      await page.getByTestId('entry-penalty-content').fill('罚款人民币五千元');
      await page.getByTestId('entry-fine-amount-yuan').fill('50000');
      await page.getByTestId('entry-fine-amount-yuan').blur();

      // The bad code: named beside its field, in Chinese, and in the summary; the deadline is already known.
      const codeError = page.getByTestId('entry-subject-uscc-error');
      await eventually(() => codeError.textContent()).toMatch(/^统一社会信用代码（18位）：校验码错误，应为 /);
      expect(await page.getByTestId('entry-subject-uscc').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('entry-subject-uscc').getAttribute('aria-describedby')).toContain('entry-subject-uscc-error');
      expect(await page.getByTestId('entry-problem').first().textContent()).toContain('统一社会信用代码');
      expect(await page.getByTestId('entry-problems').getAttribute('role')).toBe('alert');
      await w.step('bad-code');

      // Mended: valid, the deadline and the late flag shown before submit.
      await page.getByTestId('entry-subject-uscc').fill(company.code);
      await page.getByTestId('entry-subject-uscc').blur();
      await page.getByTestId('entry-valid').waitFor();
      expect(await codeError.textContent()).toBe('');
      expect(await page.getByTestId('entry-deadline').getAttribute('data-deadline')).toBe(expected.deadline);
      expect(await page.getByTestId('entry-deadline').textContent()).toContain(`公示期限：${expected.deadline}`);
      expect(await page.getByTestId('entry-late').textContent()).toContain(`逾期：已超过公示期限 ${expected.lateByWorkingDays} 个工作日`);
      await w.step('deadline-late');

      await page.getByTestId('entry-submit').click();
      await eventually(() => page.getByTestId('record-detail-title').textContent()).toBe(`行政处罚 ${decisionNumber}`);
      expect(await page.getByTestId('record-detail-saved').isVisible()).toBe(true);
      expect(await page.getByTestId('record-detail-deadline').textContent()).toContain(`逾期 ${expected.lateByWorkingDays} 个工作日`);
      await w.step('saved');

      // Found in the list by its number, among the late ones.
      await page.getByTestId('record-detail-back').click();
      await page.getByTestId('records-filter-form').waitFor();
      await page.getByTestId('records-filter-kind').selectOption('penalty');
      await page.getByTestId('records-filter-q').fill('WALK1');
      await page.getByTestId('records-filter-late').check();
      await page.getByTestId('records-filter-submit').click();
      const row = page.locator(`[data-testid="records-row"][data-record-id="${recordId}"]`);
      await row.waitFor();
      expect(await page.getByTestId('records-row').count()).toBe(1);
      expect(await row.getByTestId('records-row-late').isVisible()).toBe(true);
      await w.step('found-by-filter');

      // Corrected with a reason: the form starts from the current version, the number fixed.
      await row.getByTestId('records-row-link').click();
      await page.getByTestId('record-correct').click();
      await page.locator('[data-testid="entry-form"][data-kind="penalty"]').waitFor();
      expect(await page.getByTestId('entry-decision-number').inputValue()).toBe(decisionNumber);
      expect(await page.getByTestId('entry-decision-number').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByTestId('entry-subject-uscc').inputValue()).toBe(company.code);
      await page.getByTestId('entry-fine-amount-yuan').fill('5000');
      await page.getByTestId('entry-reason').fill(reason);
      await page.getByTestId('entry-valid').waitFor();
      await w.step('correction-form');
      await page.getByTestId('entry-submit').click();
      await page.getByTestId('record-detail-saved').waitFor();
      await eventually(() => page.getByTestId('record-version').count()).toBe(2);
      expect(await page.getByTestId('record-detail-version').textContent()).toBe('2');
      expect(await page.getByTestId('record-version-reason').textContent()).toBe(reason);
      await w.step('two-versions');
    });
  });
});
