/**
 * Browser walk of the usage log's public page (issue 19), on Jiaxian with the demo data: a department's check is
 * sequenced and its head signed; anyone, not signed in, sees the signed heads, and a receipt pasted into the page
 * verifies there with the published key alone (WebCrypto); an altered receipt does not, and a head kept earlier is
 * shown to be extended. Every page is a `w.step(...)`: a screenshot and axe-core's check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('jiaxian');
const suite = walkSuite('usage-log-walks', county);
const base = () => suite.platform.apiUrl;
const company = (() => {
  const first17 = `91${county.divisionCode}MU0000001`;
  return first17 + usccCheckCharacter(first17);
})();

describe('browser walk of the usage log (issue 19)', () => {
  it('department: a check answers with its promise; once sequenced, its receipt file is saved from the console', async () => {
    const { platform } = suite;
    const w = await suite.start('department-usage-log');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'department', 'dept-finance');
      const answer = await callApi(platform, 'POST', '/checks', 'department', 'dept-finance', { subjectId: company, matter: { type: 'procurement', reference: 'ZC-WALK-LOG-0', name: '办公设备采购' } });
      const checkId = answer.body.checkId as string;
      await w.open(base(), `/console/corrections/${checkId}`);
      await page.getByTestId('check-log-receipt').click();
      await page.getByTestId('check-log-pending').waitFor();
      await w.step('pending');
      await platform.invoke('sequence-usage-log');
      await page.getByTestId('check-log-receipt').click();
      const included = page.getByTestId('check-log-included');
      await included.waitFor();
      expect(await included.getAttribute('data-verified')).toBe('true');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('check-log-download').click()]);
      const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { leafIndex: number; head: { org: string } };
      expect(saved.head.org).toBe('dept-finance');
      await w.step('receipt');
    });
  });

  it('anyone: the signed heads; a receipt verified in the page, an altered one refused, a kept head extended', async () => {
    const { platform } = suite;
    const check = async (reference: string) => {
      const answer = await callApi(platform, 'POST', '/checks', 'department', 'dept-finance', { subjectId: company, matter: { type: 'procurement', reference, name: '办公设备采购' } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.checkId as string;
    };
    await check('ZC-WALK-LOG-1');
    await platform.invoke('sequence-usage-log');
    const kept = (await (await fetch(`${base()}/public/usage-log/dept-finance/heads?limit=1`)).json()) as { heads: unknown[] };
    const second = await check('ZC-WALK-LOG-2');
    await platform.invoke('sequence-usage-log');
    const receipt = (await callApi(platform, 'GET', `/checks/${second}/receipt`, 'department', 'dept-finance')).body.entry.receipt;
    expect(receipt).toBeDefined();

    const w = await suite.start('public-usage-log');
    await w.run(async ({ page }) => {
      await w.open(base(), '/');
      await page.getByTestId('nav-usage-log').click();
      const row = page.locator('[data-testid="usage-log-head"][data-org="dept-finance"]');
      await row.waitFor();
      expect(Number(await row.getByTestId('usage-log-size').textContent())).toBe(receipt.head.treeSize);
      await w.step('heads');

      await page.getByTestId('usage-log-receipt').fill(JSON.stringify(receipt));
      await page.getByTestId('usage-log-kept').fill(JSON.stringify(kept.heads[0]));
      await page.getByTestId('usage-log-verify').click();
      await eventually(() => page.getByTestId('usage-log-status').getAttribute('data-status')).toBe('verified');
      expect(await page.getByTestId('usage-log-status').textContent()).toContain('只增未改');
      await w.step('verified');

      // The entry's bytes altered (another matter reference): the page finds it is not in the head.
      const entry = Buffer.from(receipt.entry, 'base64').toString('utf8').replace('ZC-WALK-LOG-2', 'ZC-WALK-LOG-X');
      await page.getByTestId('usage-log-receipt').fill(JSON.stringify({ ...receipt, entry: Buffer.from(entry).toString('base64') }));
      await page.getByTestId('usage-log-kept').fill('');
      await page.getByTestId('usage-log-verify').click();
      await eventually(() => page.getByTestId('usage-log-status').getAttribute('data-status')).toBe('failed');
      expect(await page.getByTestId('usage-log-problem').first().textContent()).toContain('不能证明');
      await w.step('refused');
    });
  });
});
