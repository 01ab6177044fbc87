/**
 * Browser walks of matter lists (事项清单, issue 17 §1), on one local platform with the demo data (Jia County:
 * dept-finance's list approved, with ZC-001 requiring a third-party report), its clock at 09:00 on the test date:
 *
 * 1. dept-finance opens its list (approved, in force), adds an item in the table and submits version 2.
 * 2. The credit office sees every department's state, opens dept-finance's pending version and returns it with
 *    a comment.
 * 3. dept-finance sees the return and the office's comment, answers with a comment; on the check page it chooses
 *    list item ZC-001 (the matter type follows), checks a subject with no report: "report required" is shown;
 *    the outcome form asks the reason for each offered punishment it does not apply.
 *
 * Every page is a `w.step(...)`: a screenshot and axe-core's check (a serious or critical violation fails).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('jiaxian');
const bad = demoSubjects(county).find((s) => s.key === 'bad')!;
const fresh = (() => {
  const first17 = `91${county.divisionCode}MA7MLWK01`;
  return first17 + usccCheckCharacter(first17);
})();

const suite = walkSuite('matter-list-walks', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
const base = () => platform.apiUrl;

describe('browser walks of matter lists (issue 17 §1)', () => {
  it('department: opens its list in force, adds an item in the table and submits a new version', async () => {
    const w = await suite.start('matter-list-department-submit');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      await page.getByTestId('console-nav-matter-list').click();
      await page.getByTestId('matter-list-form').waitFor();
      expect(await page.getByTestId('matter-list-state-badge').first().getAttribute('data-state')).toBe('approved');
      expect(await page.getByTestId('matter-list-in-force').textContent()).toContain('第 1 版');
      expect(await page.getByTestId('matter-list-row').count()).toBe(2);
      await w.step('matter-list-in-force');

      await page.getByTestId('matter-list-add').click();
      const row = page.getByTestId('matter-list-row').nth(2);
      await row.getByTestId('item-id').fill('ZC-003');
      await row.getByTestId('item-matter-type').selectOption('bidding');
      await row.getByTestId('item-name').fill('工程建设项目招标投标资格审查');
      await row.getByTestId('item-legal-basis').fill('《中华人民共和国招标投标法》第十八条');
      await row.getByTestId('item-report-required').check();
      await page.getByTestId('matter-list-submit-comment').fill('新增招标投标事项');
      await w.step('matter-list-edited');
      await page.getByTestId('matter-list-submit').click();
      await eventually(() => page.getByTestId('matter-list-submitted').textContent()).toContain('第 2 版已报送');
      expect(await page.getByTestId('matter-list-wait').textContent()).toContain('第 2 版正在审核');
      await w.step('matter-list-submitted');
    });
  }, 180_000);

  it('credit office: sees every department’s state, opens the pending version and returns it with a comment', async () => {
    const w = await suite.start('matter-list-office-review');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-matter-lists').click();
      await page.getByTestId('matter-lists-table').waitFor();
      const finance = page.locator('[data-testid="matter-lists-row"][data-org-id="dept-finance"]');
      expect(await finance.getAttribute('data-state')).toBe('submitted');
      expect(await page.locator('[data-testid="matter-lists-row"][data-org-id="dept-court"]').getAttribute('data-state')).toBe('none');
      await w.step('matter-lists-states');

      await finance.getByTestId('matter-lists-open').click();
      await page.getByTestId('review-form').waitFor();
      expect(await page.locator('[data-testid="matter-list-version"][data-version="2"] [data-testid="matter-list-version-item"]').count()).toBe(3);
      await page.getByTestId('review-return').check();
      await page.getByTestId('review-comment').fill('ZC-003 请补充设定依据的具体条款');
      await w.step('matter-list-review');
      await page.getByTestId('review-submit').click();
      await eventually(() => page.getByTestId('review-saved').textContent()).toContain('第 2 版已退回');
      await w.step('matter-list-returned');
    });
  }, 180_000);

  it('department: reads the return, comments; checks a subject for list item ZC-001 and explains the punishment not applied', async () => {
    const w = await suite.start('matter-list-department-check');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      await page.getByTestId('console-nav-matter-list').click();
      await page.getByTestId('matter-list-form').waitFor();
      const returned = page.locator('[data-testid="matter-list-version"][data-version="2"]');
      expect(await returned.getAttribute('data-state')).toBe('returned');
      expect(await returned.locator('[data-testid="matter-list-comment"][data-role="creditOffice"]').textContent()).toContain('请补充设定依据');
      await returned.getByTestId('matter-list-comment-text').fill('已补充，将随第 3 版报送');
      await returned.getByTestId('matter-list-comment-submit').click();
      await eventually(() => page.getByTestId('matter-list-commented').textContent()).toContain('第 2 版');
      await w.step('matter-list-commented');

      // A check for list item ZC-001 (report required) of a subject with no report: report required, not satisfied.
      await page.getByTestId('console-nav-check').click();
      await page.getByTestId('check-list-item').selectOption('ZC-001');
      expect(await page.getByTestId('check-matter-type').inputValue()).toBe('procurement');
      await page.getByTestId('check-subject').fill(fresh);
      await page.getByTestId('check-matter-reference').fill('ZC-WALK-01');
      await page.getByTestId('check-submit').click();
      await page.getByTestId('check-id').waitFor();
      expect(await page.getByTestId('check-list-item-shown').textContent()).toContain('ZC-001');
      expect(await page.getByTestId('check-report-requirement').getAttribute('data-satisfied')).toBe('false');
      expect(await page.getByTestId('check-report-requirement').textContent()).toContain('本事项须查验第三方信用报告，当前无有效报告');
      await w.step('check-report-required');

      // The bad subject: punishments offered; the outcome form asks why each not applied is not.
      await page.getByTestId('check-subject').fill(bad.uscc!);
      await page.getByTestId('check-matter-reference').fill('ZC-WALK-02');
      await page.getByTestId('check-submit').click();
      await eventually(() => page.getByTestId('check-matter').textContent()).toContain('ZC-WALK-02');
      const reasons = page.getByTestId('outcome-not-applied-reason');
      const offered = await reasons.count();
      expect(offered).toBeGreaterThan(0);
      await page.getByTestId('outcome-usage').fill('查询信用记录：该主体列入严重失信主体名单');
      for (let i = 0; i < offered; i++) await reasons.nth(i).fill('采购项目已终止，本次不予适用');
      await w.step('outcome-reasons');
      await page.getByTestId('outcome-submit').click();
      await eventually(() => page.getByTestId('outcome-saved').textContent()).toContain('已登记');
      const checkId = (await page.getByTestId('check-id').textContent())!.trim();
      const logged = await callApi(platform, 'GET', `/checks/${checkId}`, 'department', 'dept-finance');
      expect(logged.body.outcome.notAppliedMeasures).toHaveLength(offered);
      expect(logged.body.matter.listItem.itemId).toBe('ZC-001');
      await w.step('outcome-saved');
    });
  }, 180_000);
});
