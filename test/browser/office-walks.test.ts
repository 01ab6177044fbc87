/**
 * Browser walks of issue 16: the credit office's registers and repairs of the platform, and an institution's
 * consented query. Debian's Chromium, headless, through playwright-core, on one local platform with the demo
 * data (Jia County), its clock at 09:00 on the test date. Every page is a `w.step(...)`: a screenshot in
 * test-results/screenshots/<walk>/ and axe-core's check (a serious or critical violation fails the walk);
 * every violation axe reports, the minor and moderate ones too, is printed after each walk.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoInstitution } from '../../local/demo/demo-organisations.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';
import { until } from '../support/until.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const demo = (key: string) => {
  const subject = demoSubjects(county).find((s) => s.key === key);
  if (!subject) throw new Error(`no demo subject ${key}`);
  return { ...subject, code: (subject.uscc ?? subject.residentId)! };
};
const [good, bad] = [demo('good'), demo('bad')];
const bank = demoInstitution(county);
/** A code of this county's division with a right check character. */
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};

const suite = walkSuite('office-walks', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
const base = () => platform.apiUrl;
const api = (method: string, path: string, role: Parameters<typeof callApi>[3], orgId: string, body?: unknown, headers?: Record<string, string>) =>
  callApi(platform, method, path, role, orgId, body, headers);
const today = () => localDate(platform.clock.now(), county.timeZone);

/** An objection whose workflow failed after its retries (apply-case-outcome keeps failing): stuck, as the office finds it. */
async function stuckObjection(): Promise<string> {
  const company = uscc('MA7WLK0T0');
  const pushed = await api('POST', '/records', 'department', 'dept-market', {
    kind: 'penalty',
    subject: { name: '郏县浏览器受阻测试有限公司', category: 'legalPerson', uscc: company, legalRepresentative: '钱七' },
    decisionNumber: '郏市监罚〔2026〕W1号',
    decisionDate: addDays(today(), -3),
    authority: { name: '郏县市场监督管理局', uscc: uscc('MB0000001') },
    sourceDepartment: '郏县市场监督管理局',
    violationType: '虚假宣传',
    facts: '宣传与实际不符',
    legalBasis: '《中华人民共和国反不正当竞争法》第二十条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款人民币一万元',
    fineAmountYuan: 10000,
  });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
  const raised = await api('POST', '/objections', 'subject', company, { recordId: pushed.body.recordId, reason: '处罚对象有误（浏览器测试）' });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  const caseId = raised.body.case.caseId as string;
  await until('the objection to wait for its provider', async () => ((await api('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.answerBy ? true : undefined), 30_000);
  platform.faults.failNext('apply-case-outcome', 10);
  expect((await api('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', { outcome: 'revoked', reasoning: '处罚决定已撤销' })).status).toBe(202);
  await until('the objection to be stuck', async () => ((await api('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.state === 'stuck' ? true : undefined), 60_000);
  platform.faults.clear();
  return caseId;
}

describe('browser walks of the credit office and an institution (issue 16)', () => {
  it('credit office: registers and renames a department, registers and suspends an agency, voids a report, restarts a stuck objection, reads every notice by kind', async () => {
    const caseId = await stuckObjection();
    const w = await suite.start('credit-office');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      const nav = await page.locator('.console-nav a').allTextContents();
      // The office's pages (more may follow: the list is one entry per page).
      expect(nav).toEqual(expect.arrayContaining(['合规情况', '问题数据', '部门管理', '信用服务机构', '信用报告', '受阻案件', '全部通报']));
      expect(nav).not.toContain('通知');

      // Departments: register one, then rename it from its row.
      await page.getByTestId('console-nav-departments').click();
      await page.getByTestId('department-form').waitFor();
      expect(await page.locator('[data-testid="department-row"][data-org="dept-finance"]').count()).toBe(1);
      await page.getByTestId('department-org').fill('dept-walk');
      await page.getByTestId('department-name').fill('郏县浏览器测试局');
      await page.getByTestId('department-submit').click();
      await eventually(() => page.getByTestId('department-saved').textContent()).toBe('已登记：dept-walk 郏县浏览器测试局');
      const row = page.locator('[data-testid="department-row"][data-org="dept-walk"]');
      expect(await row.getByTestId('department-row-name').textContent()).toBe('郏县浏览器测试局');
      await w.step('department-registered');
      await row.getByTestId('department-rename-name').fill('郏县浏览器测试管理局');
      await row.getByTestId('department-rename-submit').click();
      await eventually(() => page.getByTestId('department-saved').textContent()).toBe('已更名：dept-walk 郏县浏览器测试管理局');
      expect(await page.locator('[data-testid="department-row"][data-org="dept-walk"]').getByTestId('department-row-name').textContent()).toBe('郏县浏览器测试管理局');
      const departments = await api('GET', '/departments', 'creditOffice', 'credit-office');
      expect(departments.body.departments).toContainEqual(expect.objectContaining({ orgId: 'dept-walk', name: '郏县浏览器测试管理局', renamedAt: expect.any(String) }));
      await w.step('department-renamed');

      // Agencies: register one (active at once), then suspend it with the reason.
      await page.getByTestId('console-nav-agencies').click();
      await page.getByTestId('agency-form').waitFor();
      await page.getByTestId('agency-id').fill('agency-walk');
      await page.getByTestId('agency-name').fill('郏县浏览器信用评估有限公司');
      await page.getByTestId('agency-uscc').fill(uscc('MA7AGW001'));
      await page.getByTestId('agency-filing-number').fill('信备〔2026〕99号');
      await page.getByTestId('agency-filing-authority').fill(`${county.name}社会信用体系建设领导小组办公室`);
      await page.getByTestId('agency-submit').click();
      await eventually(() => page.getByTestId('agency-saved').textContent()).toContain('已登记：agency-walk');
      const agency = page.locator('[data-testid="agency-row"][data-agency="agency-walk"]');
      expect(await agency.getAttribute('data-status')).toBe('active');
      await w.step('agency-registered');
      await agency.getByTestId('agency-status').selectOption('suspended');
      await agency.getByTestId('agency-status-reason').fill('年度备案材料未按期提交（浏览器测试）');
      await agency.getByTestId('agency-status-submit').click();
      await eventually(() => page.getByTestId('agency-saved').textContent()).toBe('已变更：agency-walk 现为“暂停”');
      expect(await page.locator('[data-testid="agency-row"][data-agency="agency-walk"]').getAttribute('data-status')).toBe('suspended');
      const register = await api('GET', '/public/agencies', 'creditOffice', 'credit-office');
      expect(register.body.agencies).toContainEqual(expect.objectContaining({ agencyId: 'agency-walk', status: 'suspended' }));
      await w.step('agency-suspended');

      // Reports: the bad company's reports, and its valid one voided with the reason.
      await page.getByTestId('console-nav-reports').click();
      await page.getByTestId('reports-subject').fill(bad.code);
      await page.getByTestId('reports-subject-submit').click();
      const report = page.locator('[data-testid="report"]:has-text("XY-DEMO-BAD")');
      await report.waitFor();
      expect(await report.getAttribute('data-status')).toBe('valid');
      expect(await page.locator('[data-testid="report"]:has-text("XY-DEMO-VOIDED")').getAttribute('data-status')).toBe('voided');
      await w.step('reports-of-subject');
      await report.getByTestId('report-void-reason').fill('报告主体发生重大信用危机，报告须重新评估（浏览器测试）');
      await report.getByTestId('report-void-submit').click();
      await eventually(() => page.getByTestId('report-voided').textContent()).toBe('报告 XY-DEMO-BAD 已作废。');
      const voided = page.locator('[data-testid="report"]:has-text("XY-DEMO-BAD")');
      expect(await voided.getAttribute('data-status')).toBe('voided');
      expect(await voided.getByTestId('report-status').textContent()).toBe('已作废');
      expect(await voided.getByTestId('report-void-note').textContent()).toContain('重大信用危机');
      expect(await voided.getByTestId('report-void-form').count()).toBe(0);
      const reports = await api('GET', `/subjects/${bad.code}/reports`, 'creditOffice', 'credit-office');
      expect(reports.body.reports.find((r: { reportNumber: string }) => r.reportNumber === 'XY-DEMO-BAD')).toMatchObject({ status: 'voided' });
      await w.step('report-voided');

      // Stuck cases: the objection whose workflow failed, with its error, restarted; the stored answer then applies.
      await page.getByTestId('console-nav-cases').click();
      const stuck = page.locator(`[data-testid="case"][data-case-id="${caseId}"]`);
      await stuck.waitFor();
      expect(await page.getByTestId('cases-state').inputValue()).toBe('stuck');
      expect(await stuck.getAttribute('data-state')).toBe('stuck');
      expect(await stuck.getByTestId('case-stuck-error').textContent()).toContain('TransientFault');
      await w.step('stuck-cases');
      await stuck.getByTestId('case-restart').click();
      await eventually(() => page.getByTestId('case-restarted').textContent()).toBe(`${caseId} 已重新启动，现为“已答复”。`);
      expect(await page.locator(`[data-testid="case"][data-case-id="${caseId}"]`).count()).toBe(0);
      const closed = await until('the restarted objection to close', async () => {
        const c = await api('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office');
        return c.body.state === 'closed' ? c.body : undefined;
      }, 60_000);
      expect(closed.applied).toMatchObject({ outcome: 'revoked', recordStatus: 'revoked' });
      await page.getByTestId('cases-state').selectOption('closed');
      await page.locator(`[data-testid="case"][data-case-id="${caseId}"][data-state="closed"]`).waitFor();
      await w.step('case-restarted-and-closed');

      // Every notice: to departments, agencies, subjects and the office alike; then only the stuck-workflow ones.
      await page.getByTestId('console-nav-notices').click();
      const notices = page.getByTestId('all-notice');
      await notices.first().waitFor();
      const addressees = new Set(await notices.evaluateAll((items) => items.map((i) => i.getAttribute('data-addressee'))));
      expect(addressees.has('creditOffice')).toBe(true);
      expect(addressees.has('dept-market')).toBe(true);
      expect(new Set(await notices.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).size).toBeGreaterThan(1);
      await w.step('all-notices');
      await page.getByTestId('all-notices-kind').selectOption('case-stuck');
      await page.getByTestId('all-notices-submit').click();
      await eventually(() => page.getByTestId('all-notices-summary').textContent()).toContain('处理流程受阻');
      await eventually(() => page.locator('[data-testid="all-notice"]:has-text("' + caseId + '")').count()).toBe(1);
      expect(new Set(await page.getByTestId('all-notice').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))))).toEqual(new Set(['case-stuck']));
      await w.step('notices-of-a-kind');
    });
  }, 240_000);

  it('institution: the bank sees the consent the company granted, queries it, downloads its credit report, and is refused clearly without a consent and with an expired one', async () => {
    // The company consents through the API, as it would in its own console.
    const granted = await api('POST', '/consents', 'subject', good.code, {
      grantee: bank.uscc,
      purpose: { category: 'loan', text: '固定资产贷款授信审查（浏览器测试）' },
      scope: { records: true, reports: true },
      expiresOn: addDays(today(), 90),
    }, { 'idempotency-key': 'office-walk-consent' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const consentId = granted.body.consentId as string;
    // And another whose last day is today: it expires when the clock passes midnight.
    const lastDay = await api('POST', '/consents', 'subject', good.code, {
      grantee: bank.uscc,
      purpose: { category: 'contract', text: '经济合同签订前审查（浏览器测试）' },
      scope: { records: true, reports: false },
      expiresOn: today(),
    }, { 'idempotency-key': 'office-walk-consent-today' });
    expect(lastDay.status, JSON.stringify(lastDay.body)).toBe(201);

    const w = await suite.start('institution-query', { acceptDownloads: true });
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'institution', bank.orgId);
      const row = page.locator(`[data-testid="consent-row"][data-consent-id="${consentId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('live');
      expect(await row.textContent()).toContain(good.code);
      await w.step('consents');

      await row.getByTestId('consent-use').click();
      await eventually(() => page.getByTestId('query-consent').inputValue()).toBe(consentId);
      expect(await page.getByTestId('query-subject').inputValue()).toBe(good.code);
      await page.getByTestId('query-purpose').fill('固定资产贷款 GD-2026-001');
      await page.getByTestId('query-submit').click();
      const shown = page.getByTestId('query-subject-shown');
      await shown.waitFor();
      expect(await shown.textContent()).toContain(good.name);
      expect(await page.getByTestId('query-consent-shown').textContent()).toBe(consentId);
      const kinds = await page.getByTestId('query-record').locator('.kind').allTextContents();
      expect(kinds).toEqual(expect.arrayContaining(['红名单', '行政许可']));
      expect(await page.locator('[data-testid="query-report"]:has-text("XY-DEMO-GOOD")').count()).toBe(1);
      const queryId = (await page.getByTestId('query-id').textContent())!;
      // The company sees the bank's query among who looked at it.
      const looks = await api('GET', '/me/checks', 'subject', good.code);
      expect(looks.body.checks).toContainEqual(expect.objectContaining({ checkId: queryId, kind: 'query', consentId, by: expect.objectContaining({ orgId: bank.orgId }) }));
      await w.step('query-answered');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('query-report-download').click()]);
      expect(download.suggestedFilename()).toBe('公共信用信息报告.pdf');
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await page.getByTestId('query-report-file').isVisible()).toBe(true);
      await w.step('report-downloaded');

      // A consent id the company never gave: refused, and said so in words.
      await page.getByTestId('query-consent').fill(`con_${'A'.repeat(22)}`);
      await page.getByTestId('query-submit').click();
      const refused = page.locator('[data-testid="query-result"] [data-testid="error"]');
      await refused.waitFor();
      expect(await refused.getAttribute('data-code')).toBe('CONSENT_REQUIRED');
      expect(await refused.textContent()).toContain('没有该主体以此授权编号向本机构作出的授权');
      await w.step('refused-without-consent');

      // The next day, the consent whose last day was yesterday has expired: listed as such, and refused.
      await platform.clock.advance(24 * 60 * 60 * 1000);
      await w.open(base(), '/console/query');
      const expired = page.locator(`[data-testid="consent-row"][data-consent-id="${lastDay.body.consentId}"]`);
      await expired.waitFor();
      expect(await expired.getAttribute('data-status')).toBe('expired');
      expect(await expired.getByTestId('consent-use').count()).toBe(0);
      await page.getByTestId('query-subject').fill(good.code);
      await page.getByTestId('query-consent').fill(lastDay.body.consentId);
      await page.getByTestId('query-purpose').fill('经济合同 HT-2026-009');
      await page.getByTestId('query-submit').click();
      await refused.waitFor();
      expect(await refused.getAttribute('data-code')).toBe('CONSENT_EXPIRED');
      expect(await refused.textContent()).toContain('该授权已过有效期');
      expect(today()).toBe(addDays(testDate, 1));
      await w.step('refused-expired-consent');
    });
  }, 180_000);
});
