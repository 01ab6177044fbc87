/**
 * Browser walks (issue 16): the subject's and the department's whole case jobs in the console, on one local
 * platform with the demo data, its clock on the test date (test/support/test-date.ts).
 *
 * 1. The bad company (subject) objects to a penalty of dept-market with a file of evidence, adds evidence to
 *    the open objection (first too many files, refused at the field, then one), grants a consent to the demo
 *    bank and revokes it, and applies for credit repair of a penalty past its repair date with its credit
 *    commitment, corrective actions and a file.
 * 2. dept-market (department) answers the objection as corrected through the form of the record's kind (a
 *    decision date in the future first, refused at its field in Chinese, then the fine corrected), approves
 *    the repair, and finds the correction notice of the check it ran before, with the check's corrections.
 *
 * Every page is a `w.step(...)`: a screenshot in test-results/screenshots/<walk>/ and an axe-core check
 * (serious or critical violations fail the walk); the axe report of each walk is printed after it.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import { demoInstitution } from '../../local/demo/demo-organisations.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const bad = (() => {
  const subject = demoSubjects(county).find((s) => s.key === 'bad')!;
  return { ...subject, code: subject.uscc! };
})();
const bank = demoInstitution(county);
/** The bad company's penalty by dept-market in the demo data (demo-records.ts): objected to, then corrected. */
const badPenalty = `${county.name.slice(0, 2)}市监罚〔2026〕45号`;
/** A general penalty decided 200 days before the test date, pushed here: past its repair date (3 months), still public (12 or 36 months). */
const oldPenalty = `${county.name}市监罚〔2025〕WALK88号`;
const organ = `11${county.divisionCode}MB0000001`;

const pdf = (label: string) => ({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer: demoPdf });

const suite = walkSuite('case-walks', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
/** The check dept-market ran on the bad company before the objection: it showed the penalty's first version. */
let checkId = '';
let oldPenaltyId = '';
const base = () => platform.apiUrl;

beforeAll(async () => {
  const pushed = await callApi(platform, 'POST', '/records', 'department', 'dept-market', {
    kind: 'penalty',
    subject: { name: bad.name, category: 'legalPerson', uscc: bad.code, legalRepresentative: '王法人' },
    decisionNumber: oldPenalty,
    decisionDate: addDays(testDate, -200),
    authority: { name: `${county.name}市场监督管理局`, uscc: organ + usccCheckCharacter(organ) },
    sourceDepartment: `${county.name}市场监督管理局`,
    violationType: '未按规定公示年度报告',
    facts: '未按期报送并公示年度报告',
    legalBasis: '《企业信息公示暂行条例》第十八条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款人民币一万元',
    fineAmountYuan: 10000,
  });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
  oldPenaltyId = pushed.body.recordId;
  expect(pushed.body.publicity.repairEligibleFrom <= testDate).toBe(true);
  expect(pushed.body.publicity.publicUntil >= testDate).toBe(true);
  const check = await callApi(platform, 'POST', '/checks', 'department', 'dept-market', {
    subjectId: bad.code,
    matter: { type: 'procurement', reference: 'SJ-CASE-WALK-1', name: '市场主体许可变更（案件演示）' },
  });
  expect(check.status, JSON.stringify(check.body)).toBe(201);
  checkId = check.body.checkId;
  expect(check.body.records.map((r: { decisionNumber: string }) => r.decisionNumber)).toContain(badPenalty);
}, 120_000);

/** Reloads until `probe` holds (a workflow's step lands moments after the request that started it). */
async function reloadUntil(page: Page, ready: string, probe: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await probe()) return true;
        await page.reload();
        await page.locator(ready).first().waitFor();
        return probe();
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
}

describe('case walks (Debian chromium, headless)', () => {
  it('subject: objects with evidence, adds evidence to the open objection, grants and revokes a consent, applies for credit repair', async () => {
    const w = await suite.start('subject-cases');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'subject', bad.code);
      await page.getByTestId('my-records').waitFor();
      const penalty = page.locator(`[data-testid="my-record"]:has-text("${badPenalty}")`);
      expect(await penalty.getAttribute('data-status')).toBe('active');
      // The old penalty is past its repair date: the record offers credit repair; the recent one does not.
      const old = page.locator(`[data-testid="my-record"][data-record-id="${oldPenaltyId}"]`);
      await eventually(() => old.getByTestId('my-record-repair').count()).toBe(1);
      expect(await penalty.getByTestId('my-record-repair').count()).toBe(0);
      await w.step('my-records');

      // Who looked at it: dept-market's check, by a clerk (no system named).
      await page.getByTestId('console-nav-looks').click();
      const look = page.locator(`[data-testid="look"][data-check-id="${checkId}"]`);
      await look.waitFor();
      expect(await look.getAttribute('data-kind')).toBe('check');
      expect(await look.textContent()).toContain('市场主体许可变更（案件演示）');
      expect(await look.getByTestId('look-system').count()).toBe(0);
      await w.step('looks');
      await page.getByTestId('console-nav-records').click();
      await page.getByTestId('my-records').waitFor();

      // An objection with a file of evidence, posted straight to S3.
      await penalty.getByTestId('my-record-object').click();
      await page.getByTestId('objection-form').waitFor();
      await page.getByTestId('objection-reason').fill('抽检的电线电缆并非本公司销售的批次，附抽检报告复印件，申请核查更正。');
      await page.getByTestId('objection-evidence').setInputFiles(pdf('抽检报告复印件'));
      await w.step('objection-form');
      await page.getByTestId('objection-submit').click();
      const detail = page.getByTestId('objection-detail');
      await detail.waitFor();
      expect(await page.getByTestId('objection-created').textContent()).toContain('异议已提交');
      const caseId = (await page.getByTestId('objection-id').textContent())!;
      expect(caseId).toMatch(/^obj_/);
      const files = page.getByTestId('objection-evidence-list-file');
      expect(await files.count()).toBe(1);
      expect(await files.first().getByTestId('objection-evidence-list-link').textContent()).toBe('抽检报告复印件.pdf');
      await w.step('objection-raised');

      // More evidence while it is open: five files more than the county's limit allow, refused at the field; then one.
      await page.getByTestId('add-evidence-files').setInputFiles([1, 2, 3, 4, 5].map((n) => pdf(`补充材料${n}`)));
      await page.getByTestId('add-evidence-submit').click();
      const refusal = page.getByTestId('add-evidence-files-error');
      await eventually(() => refusal.textContent()).toContain(`最多可提交 ${county.cases.maxEvidenceFiles} 个证明材料`);
      expect(await page.getByTestId('add-evidence-files').getAttribute('aria-invalid')).toBe('true');
      expect(await files.count()).toBe(1);
      await w.step('evidence-refused');
      await page.getByTestId('add-evidence-files').setInputFiles(pdf('销售台账'));
      await page.getByTestId('add-evidence-submit').click();
      await page.getByTestId('objection-evidence-added').waitFor();
      expect(await files.count()).toBe(2);
      expect(await page.locator('[data-testid="objection-evidence-list-link"]').allTextContents()).toEqual(['抽检报告复印件.pdf', '销售台账.pdf']);
      expect(await page.locator('[data-testid="objection-history"] li[data-event="evidenceAdded"]').textContent()).toContain('销售台账.pdf');
      await w.step('evidence-added');

      // A consent to the demo bank, then revoked.
      await page.getByTestId('console-nav-consents').click();
      await page.getByTestId('consent-form').waitFor();
      await page.getByTestId('consent-grantee').fill(bank.uscc!);
      await page.getByTestId('consent-category').selectOption('loan');
      await page.getByTestId('consent-purpose').fill('流动资金贷款授信审查');
      await page.getByTestId('consent-scope-reports').check();
      await page.getByTestId('consent-expires').fill(addDays(testDate, 90));
      await w.step('consent-form');
      await page.getByTestId('consent-submit').click();
      await page.getByTestId('consent-granted').waitFor();
      const consent = page.locator(`[data-testid="consent"]:has-text("${bank.uscc}")`);
      expect(await consent.getAttribute('data-status')).toBe('live');
      expect(await consent.textContent()).toContain(`至 ${addDays(testDate, 90)}`);
      await w.step('consent-granted');
      await consent.getByTestId('consent-revoke').click();
      await consent.getByTestId('consent-revoke-confirm').waitFor();
      await w.step('consent-revoke-confirm');
      await consent.getByTestId('consent-revoke-confirm').click();
      await eventually(() => page.locator(`[data-testid="consent"]:has-text("${bank.uscc}")`).getAttribute('data-status')).toBe('revoked');
      expect(await page.locator(`[data-testid="consent"]:has-text("${bank.uscc}")`).getByTestId('consent-revoke').count()).toBe(0);
      const listed = await callApi(platform, 'GET', '/consents', 'subject', bad.code);
      expect(listed.body.consents.map((c: { status: string }) => c.status)).toEqual(['revoked']);
      await w.step('consent-revoked');

      // Credit repair of the old penalty, from its record.
      await page.getByTestId('console-nav-records').click();
      await page.locator(`[data-testid="my-record"][data-record-id="${oldPenaltyId}"] [data-testid="my-record-repair"]`).click();
      await page.getByTestId('repair-form').waitFor();
      expect(await page.getByTestId('repair-record').inputValue()).toBe(oldPenaltyId);
      // The required texts are asked for in Chinese before anything is sent.
      await page.getByTestId('repair-submit').click();
      await eventually(() => page.getByTestId('repair-commitment-error').textContent()).toBe('请填写信用承诺。');
      await page.getByTestId('repair-reason').fill('罚款已于决定作出后十日内缴清，年度报告已补报并公示。');
      await page.getByTestId('repair-commitment').fill('本公司承诺已纠正失信行为，今后按期报送并公示年度报告，依法诚信经营；如有违反，自愿接受惩戒。');
      await page.getByTestId('repair-actions').fill('已缴清罚款人民币一万元；已补报2024年度报告并公示。');
      await page.getByTestId('repair-evidence').setInputFiles(pdf('罚款缴纳凭证'));
      await w.step('repair-form');
      await page.getByTestId('repair-submit').click();
      await page.getByTestId('repair-detail').waitFor();
      expect(await page.getByTestId('repair-created').textContent()).toContain('申请已提交');
      expect(await page.getByTestId('repair-record-shown').textContent()).toBe(oldPenalty);
      expect(await page.getByTestId('repair-commitment-shown').textContent()).toContain('本公司承诺已纠正失信行为');
      expect(await page.getByTestId('repair-evidence-list-link').textContent()).toBe('罚款缴纳凭证.pdf');
      await w.step('repair-requested');
    });
  });

  it('department: answers the objection as corrected through the form, approves the repair, and finds the correction notice of its check', async () => {
    const objections = await callApi(platform, 'GET', '/objections', 'subject', bad.code);
    const objection = objections.body.cases.find((c: { record: { decisionNumber: string } }) => c.record.decisionNumber === badPenalty);
    expect(objection, 'the subject walk raised the objection').toBeDefined();
    const w = await suite.start('department-cases');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-market');
      await page.getByTestId('console-nav-objections').click();
      const row = page.locator(`[data-testid="objection"][data-case-id="${objection.caseId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(badPenalty);
      expect(await row.textContent()).toContain(bad.name);
      await w.step('objections');

      await row.getByTestId('objection-link').click();
      const detail = page.getByTestId('dept-objection');
      await detail.waitFor();
      // The answer day is set when the workflow opens the case.
      await reloadUntil(page, '[data-testid="dept-objection"]', async () => /\d{4}-\d{2}-\d{2}/.test((await page.getByTestId('dept-objection-answer-by').textContent()) ?? ''));
      expect(await page.getByTestId('dept-objection-reason').textContent()).toContain('抽检的电线电缆');
      expect(await page.locator('[data-testid="dept-objection-evidence-link"]').allTextContents()).toEqual(['抽检报告复印件.pdf', '销售台账.pdf']);
      expect(await page.getByTestId('correction-fields').isHidden()).toBe(true);
      await w.step('objection-detail');

      // 更正: the form of a 行政处罚 holds the record's values; a decision date in the future is refused at its field, in Chinese.
      await page.getByTestId('answer-outcome-corrected').check();
      await eventually(() => page.getByTestId('correction-fields').isVisible()).toBe(true);
      expect(await page.getByTestId('correction-decision-number').count()).toBe(0);
      expect(await page.getByTestId('correction-fine-amount-yuan').inputValue()).toBe('30000');
      const decisionDate = await page.getByTestId('correction-decision-date').inputValue();
      await page.getByTestId('correction-decision-date').fill(addDays(testDate, 30));
      await page.getByTestId('answer-reasoning').fill('经核查，抽检批次与销售台账不符部分已核减，罚款金额更正为二万元。');
      await page.getByTestId('answer-submit').click();
      const dateError = page.getByTestId('correction-decision-date-error');
      await eventually(() => dateError.textContent()).toMatch(/决定日期/);
      expect(await page.getByTestId('correction-decision-date').getAttribute('aria-invalid')).toBe('true');
      await w.step('correction-refused');

      await page.getByTestId('correction-decision-date').fill(decisionDate);
      await page.getByTestId('correction-fine-amount-yuan').fill('20000');
      await page.getByTestId('correction-penalty-content').fill('没收违法所得，罚款人民币二万元');
      await w.step('correction-form');
      await page.getByTestId('answer-submit').click();
      await page.getByTestId('dept-objection-answered').waitFor();
      expect(await page.getByTestId('dept-objection-answer').getAttribute('data-outcome')).toBe('corrected');
      expect(await page.getByTestId('dept-objection-answer-fields').textContent()).toMatch(/罚款金额/);
      await reloadUntil(page, '[data-testid="dept-objection"]', async () => (await detail.getAttribute('data-state')) === 'closed');
      await w.step('objection-answered');
      const record = await callApi(platform, 'GET', `/records/${objection.record.recordId}`, 'department', 'dept-market');
      expect(record.body.record).toMatchObject({ version: 2, status: 'corrected', details: { fineAmountYuan: 20000, penaltyContent: '没收违法所得，罚款人民币二万元' } });

      // The repair application: the commitment, the actions, the evidence; approved.
      await page.getByTestId('console-nav-repairs').click();
      const repairRow = page.locator(`[data-testid="repair"]:has-text("${oldPenalty}")`);
      await repairRow.waitFor();
      await repairRow.getByTestId('repair-link').click();
      await page.getByTestId('dept-repair').waitFor();
      expect(await page.getByTestId('dept-repair-commitment').textContent()).toContain('本公司承诺已纠正失信行为');
      expect(await page.getByTestId('dept-repair-actions').textContent()).toContain('已缴清罚款');
      expect(await page.getByTestId('dept-repair-evidence-link').textContent()).toBe('罚款缴纳凭证.pdf');
      await page.getByTestId('decision-submit').click();
      await eventually(() => page.getByTestId('decision-outcome-error').textContent()).toBe('请选择决定。');
      await page.getByTestId('decision-outcome-approved').check();
      await page.getByTestId('decision-reasoning').fill('罚款已缴清，年度报告已补报公示，并作出信用承诺，同意信用修复。');
      await w.step('repair-decision');
      await page.getByTestId('decision-submit').click();
      await page.getByTestId('dept-repair-decided').waitFor();
      expect(await page.getByTestId('dept-repair-answer').getAttribute('data-outcome')).toBe('approved');
      await w.step('repair-decided');

      // The correction notice of its check, and the check with what changed since.
      await page.getByTestId('console-nav-corrections').click();
      const notice = page.locator(`[data-testid="correction-notice"][data-check-id="${checkId}"][data-case-id="${objection.caseId}"]`);
      await reloadUntil(page, '[data-testid="corrections-list"]', async () => (await notice.count()) === 1);
      expect(await notice.textContent()).toContain(badPenalty);
      expect(await notice.textContent()).toContain('SJ-CASE-WALK-1');
      await w.step('correction-notices');
      await notice.getByTestId('correction-notice-check').click();
      const corrected = page.locator(`[data-testid="check-correction"][data-case-id="${objection.caseId}"]`);
      await corrected.waitFor();
      expect(await corrected.getAttribute('data-outcome')).toBe('corrected');
      expect(await corrected.textContent()).toContain('第 1 版');
      expect(await corrected.textContent()).toContain('第 2 版');
      expect(await page.getByTestId('check-corrections-matter').textContent()).toContain('SJ-CASE-WALK-1');
      await w.step('check-corrections');
    });
  });
});
