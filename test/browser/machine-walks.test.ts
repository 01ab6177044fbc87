/**
 * Browser walks of issue 16's machine and commitment pages, on one local platform with the demo data (Jia
 * County), its clock at 09:00 on the test date (test/support/test-date.ts):
 *
 * 1. The credit office registers dept-finance's system with two scopes and sees its secret once, with the
 *    token endpoint (the secret gets a token there; it is gone from the page once the page is left), rotates
 *    it (the old secret stops, the new one works) and revokes it with the reason asked on the page.
 * 2. dept-market reads a CSV of bidders into the list, then pastes three subjects for one tender (one code with a
 *    wrong check character) instead, runs the batch,
 *    sees two checked and one refused at its item, and downloads the results workbook with the same key: no
 *    check is logged twice.
 * 3. dept-market checks a company for an administrative approval (Jia County offers a written 信用承诺 for it,
 *    not for procurement) with its commitment, finds it under 信用承诺, and records it breached: the
 *    commitment-breach record's id is shown; another, due the next day and not followed up, is flagged overdue
 *    two days later.
 *
 * Every page is a `w.step(...)`: a screenshot in test-results/screenshots/<walk>/ and axe-core's check (a
 * serious or critical violation fails the walk); every violation axe reports is printed after each walk.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const demo = (key: string) => {
  const subject = demoSubjects(county).find((s) => s.key === key);
  if (!subject) throw new Error(`no demo subject ${key}`);
  return { ...subject, code: (subject.uscc ?? subject.residentId)! };
};
const [good, bad] = [demo('good'), demo('bad')];
/** A code of this county's division with a right check character. */
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
/** 18 characters, a wrong check character: refused at its item of a batch. */
const wrongCode = (() => {
  const right = uscc('MA7WLKB09');
  return right.slice(0, 17) + (right.endsWith('1') ? '2' : '1');
})();

const suite = walkSuite('machine-walks', county);
let platform: LocalPlatform;
beforeAll(() => void (platform = suite.platform));
const base = () => platform.apiUrl;
const api = (method: string, path: string, role: Parameters<typeof callApi>[3], orgId: string, body?: unknown, headers?: Record<string, string>) =>
  callApi(platform, method, path, role, orgId, body, headers);
const today = () => localDate(platform.clock.now(), county.timeZone);

/** Asks the token endpoint the page showed for a token with the client's credentials (client_secret_post). */
async function tokenStatus(endpoint: string, clientId: string, clientSecret: string): Promise<number> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('browser walks of the machine clients, batch checks and commitments (issue 16)', () => {
  it('credit office: registers a system of dept-finance and sees its secret once, rotates it, revokes it with the reason', async () => {
    const w = await suite.start('machine-clients');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      expect(await page.locator('.console-nav a').allTextContents()).toContain('系统接入');
      await page.getByTestId('console-nav-machine-clients').click();
      await page.getByTestId('machine-form').waitFor();
      // The demo data's system of dept-finance is listed, active.
      expect(await page.locator('[data-testid="machine-client-row"][data-state="active"]').count()).toBeGreaterThan(0);
      await w.step('machine-clients');

      // Register: a department from the register, the system's name, two of the three scopes.
      await page.getByTestId('machine-department').selectOption('dept-finance');
      await page.getByTestId('machine-name').fill('公共资源交易系统');
      await page.locator('[data-testid="machine-scope"][data-scope="checks:run"]').check();
      await page.locator('[data-testid="machine-scope"][data-scope="checks:outcome"]').check();
      await page.getByTestId('machine-submit').click();
      const box = page.getByTestId('machine-secret-box');
      await box.waitFor();
      expect(await page.getByTestId('machine-secret-once').textContent()).toContain('密钥只显示这一次');
      const clientId = (await page.getByTestId('machine-secret-client-id').textContent())!.trim();
      const secret = (await page.getByTestId('machine-secret').textContent())!.trim();
      const endpoint = (await page.getByTestId('machine-token-endpoint').textContent())!.trim();
      expect(clientId).toMatch(/^mc_/);
      expect(secret.length).toBeGreaterThan(20);
      expect(endpoint).toBe(`${platform.machineApiUrl}/oauth2/token`);
      expect(await tokenStatus(endpoint, clientId, secret)).toBe(200);
      const row = page.locator(`[data-testid="machine-client-row"][data-client-id="${clientId}"]`);
      expect(await row.getAttribute('data-state')).toBe('active');
      expect(await row.getAttribute('data-org')).toBe('dept-finance');
      // The register itself never carries a secret.
      const listed = await api('GET', '/machine-clients', 'creditOffice', 'credit-office');
      expect(listed.body.clients).toContainEqual(expect.objectContaining({ clientId, departmentOrgId: 'dept-finance', scopes: ['checks:run', 'checks:outcome'], state: 'active' }));
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      await w.step('machine-client-registered-secret-shown');

      // Once: the page shown again has the client, not its secret.
      await page.getByTestId('console-nav-departments').click();
      await page.getByTestId('department-form').waitFor();
      await page.getByTestId('console-nav-machine-clients').click();
      await row.waitFor();
      expect(await page.getByTestId('machine-secret-box').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain(secret);
      await w.step('machine-client-listed-without-secret');

      // Rotate: a new secret, shown once; the old one stops at once.
      await row.getByTestId('machine-rotate').click();
      await eventually(async () => (await page.getByTestId('machine-secret').textContent())?.trim() ?? secret).not.toBe(secret);
      expect(await box.textContent()).toContain('原密钥已立即失效');
      expect(await page.getByTestId('machine-secret-client-id').textContent()).toBe(clientId);
      const rotated = (await page.getByTestId('machine-secret').textContent())!.trim();
      expect(await tokenStatus(endpoint, clientId, secret)).toBe(401);
      expect(await tokenStatus(endpoint, clientId, rotated)).toBe(200);
      await w.step('machine-client-rotated');

      // Revoke: asked again on the page, with the reason; then no token.
      await row.getByTestId('machine-revoke').click();
      expect(await row.getByTestId('machine-revoke-question').textContent()).toContain('确定撤销“公共资源交易系统”');
      await w.step('machine-client-revoke-asked');
      await row.getByTestId('machine-revoke-reason').fill('系统已停用（浏览器测试）');
      await row.getByTestId('machine-revoke-confirm').click();
      await eventually(() => page.getByTestId('machine-revoked').textContent()).toBe(`已撤销：公共资源交易系统（${clientId}）`);
      expect(await row.getAttribute('data-state')).toBe('revoked');
      expect(await row.getByTestId('machine-client-state').textContent()).toBe('已撤销');
      expect(await row.getByTestId('machine-revoked-reason').textContent()).toContain('系统已停用');
      expect(await row.getByTestId('machine-rotate').count()).toBe(0);
      expect(await tokenStatus(endpoint, clientId, rotated)).not.toBe(200);
      await w.step('machine-client-revoked');
    });
  }, 180_000);

  it('department: runs a batch of three pasted subjects (one bad code), sees two checked and one refused, downloads the results workbook without logging again', async () => {
    const reference = 'ZB-WALK-2026-01';
    const loggedChecks = async () =>
      ((await api('GET', `/checks?from=${today()}&to=${today()}&limit=200`, 'department', 'dept-market')).body.checks as { matter: { reference: string } }[]).filter((c) => c.matter.reference === reference).length;
    const w = await suite.start('batch-check', { acceptDownloads: true });
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-market');
      await page.getByTestId('console-nav-batch').click();
      await page.getByTestId('batch-form').waitFor();
      await page.getByTestId('batch-matter-type').selectOption('bidding');
      await page.getByTestId('batch-matter-reference').fill(reference);
      await page.getByTestId('batch-matter-name').fill('郏县一中食堂改造工程招标');
      // A CSV file (UTF-8 with BOM, as Excel saves it, its header skipped) is read in the browser into the list.
      const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`主体代码,投标人编号\r\n"${good.code}",T1\r\n${bad.code},T2\r\n`, 'utf8')]);
      await page.getByTestId('batch-file').setInputFiles({ name: '投标人.csv', mimeType: 'text/csv', buffer: csv });
      await eventually(() => page.getByTestId('batch-file-read').textContent()).toBe('已读取 投标人.csv：2 个主体。');
      expect(await page.getByTestId('batch-subjects').inputValue()).toBe(`${good.code}\tT1\n${bad.code}\tT2`);
      await w.step('batch-file-read');
      // As pasted from two spreadsheet columns (a tab), or typed with a comma; a header line skipped.
      await page.getByTestId('batch-subjects').fill(`主体代码\t投标人编号\n${good.code}\tT1\n${bad.code},T2\n\n${wrongCode}\tT3\n`);
      await w.step('batch-filled');
      await page.getByTestId('batch-submit').click();

      const summary = page.getByTestId('batch-summary');
      await summary.waitFor();
      expect(await summary.getAttribute('data-count')).toBe('3');
      expect(await summary.getAttribute('data-succeeded')).toBe('2');
      expect(await summary.getAttribute('data-failed')).toBe('1');
      expect(await summary.textContent()).toBe('共 3 个主体，已核查 2 个，未核查 1 个。');
      const items = page.getByTestId('batch-item');
      expect(await items.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ok')))).toEqual(['true', 'true', 'false']);
      expect(await items.nth(0).textContent()).toContain(good.name);
      expect(await items.nth(0).textContent()).toContain('T1');
      expect(await items.nth(1).getByTestId('batch-item-subject').textContent()).toContain(bad.name);
      expect(Number(await items.nth(1).getByTestId('batch-item-records').textContent())).toBeGreaterThan(0);
      const refused = items.nth(2);
      expect(await refused.getAttribute('data-code')).toBe('VALIDATION_FAILED');
      expect(await refused.getByTestId('batch-item-error').textContent()).toContain('主体代码无效');
      expect(await refused.textContent()).toContain('T3');
      expect(await loggedChecks()).toBe(2);
      await w.step('batch-results');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-download').click()]);
      expect(download.suggestedFilename()).toBe(`批量核查结果-${reference}.xlsx`);
      const workbook = readFileSync((await download.path())!);
      expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
      await page.getByTestId('batch-downloaded').waitFor();
      // The workbook answered the same checks by the same key: none logged again.
      expect(await loggedChecks()).toBe(2);
      await w.step('batch-workbook-downloaded');
    });
  }, 180_000);

  it('department: checks a company for an administrative approval with its written commitment, finds it under 信用承诺, records it breached and sees the breach record', async () => {
    const company = uscc('MA7WLKC01');
    const authority = { name: '郏县市场监督管理局', uscc: uscc('MB0000001') };
    const dueDate = addDays(testDate, 30);
    const w = await suite.start('commitment');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-market');
      await page.getByTestId('console-nav-check').click();
      await page.getByTestId('check-form').waitFor();
      // Procurement offers no commitment in Jia County; an administrative approval a written one.
      await page.getByTestId('check-matter-type').selectOption('procurement');
      expect(await page.getByTestId('check-commitment-fieldset').isHidden()).toBe(true);
      await page.getByTestId('check-matter-type').selectOption('administrative-approval');
      await page.getByTestId('check-commitment-fieldset').waitFor();
      expect(await page.getByTestId('check-commitment-fields').isHidden()).toBe(true);
      await page.getByTestId('check-subject').fill(company);
      await page.getByTestId('check-matter-reference').fill('XK-WALK-2026-001');
      await page.getByTestId('check-matter-name').fill('食品经营许可');
      await page.getByTestId('check-commitment-take').check();
      expect(await page.getByTestId('check-commitment-mode').locator('option').allTextContents()).toEqual(['信用承诺']);
      await page.getByTestId('check-commitment-subject-name').fill('郏县承诺浏览器测试有限公司');
      await page.getByTestId('check-commitment-authority-name').fill(authority.name);
      await page.getByTestId('check-commitment-authority-uscc').fill(authority.uscc);
      await page.getByTestId('check-commitment-text').fill('本单位承诺所提交材料真实有效，并在期限内补交消防验收合格证明。');
      await page.getByTestId('check-commitment-promised').fill('补交消防验收合格证明\n补交场地租赁合同');
      await page.getByTestId('check-commitment-due').fill(dueDate);
      await w.step('check-with-commitment-filled');
      await page.getByTestId('check-submit').click();

      await page.getByTestId('check-id').waitFor();
      const shown = page.getByTestId('check-commitment');
      expect(await shown.textContent()).toContain(`已收取信用承诺，履约期限 ${dueDate}`);
      const recordId = (await shown.locator('[data-record-id]').getAttribute('data-record-id'))!;
      expect(recordId).toMatch(/^rec_/);
      await w.step('check-receipt-with-commitment');

      await page.getByTestId('check-commitment-link').click();
      const item = page.locator(`[data-testid="commitment"][data-record-id="${recordId}"]`);
      await item.waitFor();
      expect(await item.getAttribute('data-state')).toBe('open');
      expect(await item.getAttribute('data-overdue')).toBe('false');
      expect(await item.getByTestId('commitment-due').textContent()).toBe(dueDate);
      expect(await item.getByTestId('commitment-promised').textContent()).toBe('1. 补交消防验收合格证明；2. 补交场地租赁合同');
      await w.step('commitments-open');

      await item.getByTestId('commitment-result-breached').check();
      await item.getByTestId('commitment-breached-fields').waitFor();
      await item.getByTestId('commitment-breach-facts-input').fill('期限届满未补交消防验收合格证明（浏览器测试）');
      await w.step('commitment-breach-filled');
      await item.getByTestId('commitment-result-submit').click();
      const breachId = page.getByTestId('commitment-saved-breach-record');
      await breachId.waitFor();
      const breachRecordId = (await breachId.textContent())!.trim();
      expect(breachRecordId).toMatch(/^rec_/);
      expect(breachRecordId).not.toBe(recordId);
      const breached = page.locator(`[data-testid="commitment"][data-record-id="${recordId}"]`);
      expect(await breached.getAttribute('data-state')).toBe('breached');
      expect(await breached.getByTestId('commitment-breach-record').textContent()).toBe(breachRecordId);
      expect(await breached.getByTestId('commitment-result-form').count()).toBe(0);
      const record = await api('GET', `/records/${breachRecordId}`, 'department', 'dept-market');
      expect(record.status).toBe(200);
      expect(record.body.record).toMatchObject({ kind: 'commitmentBreach' });
      expect(today()).toBe(testDate);
      await w.step('commitment-breached');

      await page.getByTestId('commitments-state').selectOption('open');
      await page.getByTestId('commitments-submit').click();
      await eventually(() => page.locator(`[data-testid="commitment"][data-record-id="${recordId}"]`).count()).toBe(0);
      await w.step('commitments-open-after-breach');

      // Another commitment, due tomorrow and not followed up: the day after its due day it is flagged overdue.
      const soon = await api('POST', '/checks', 'department', 'dept-market', {
        subjectId: uscc('MA7WLKC02'),
        matter: { type: 'administrative-approval', reference: 'XK-WALK-2026-002', name: '建筑工程施工许可' },
        commitment: { mode: 'written', subjectName: '郏县承诺逾期测试有限公司', authority, text: '本单位承诺按期补交材料。', promised: ['补交施工图审查合格书'], dueDate: addDays(testDate, 1) },
      }, { 'idempotency-key': 'machine-walk-overdue' });
      expect(soon.status, JSON.stringify(soon.body)).toBe(201);
      await platform.clock.advance(2 * 24 * 60 * 60 * 1000);
      // The page open is this very route: another first, so that it is loaded again.
      await w.open(base(), '/console/check');
      await w.open(base(), '/console/commitments?state=open');
      const overdue = page.locator(`[data-testid="commitment"][data-record-id="${soon.body.commitment.recordId}"]`);
      await overdue.waitFor();
      expect(await overdue.getAttribute('data-overdue')).toBe('true');
      expect(await overdue.getByTestId('commitment-overdue').textContent()).toBe('已逾期');
      expect(today()).toBe(addDays(testDate, 2));
      await w.step('commitment-overdue');
    });
  }, 180_000);
});
