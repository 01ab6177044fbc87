/**
 * Browser walk of the exchange (issue 18), on Zanhuang with the demo data, whose county file names no upstream
 * yet: the local platform delivers to its two demo destinations (the city platform by signed HTTPS, to the local
 * receiving endpoint; the province by daily files). The credit office reads 上报交换, sees a refusal land in the
 * failed queue and redrives it. Every page is a `w.step(...)`: a screenshot and axe-core's check.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { callApi } from '../support/platform-api.ts';
import { eventually, walkSuite } from '../support/browser.ts';

const county = loadCounty('zanhuang');
const suite = walkSuite('exchange-walks', county);
const base = () => suite.platform.apiUrl;
const code = (() => {
  const first17 = `91${county.divisionCode}MW0000001`;
  return first17 + usccCheckCharacter(first17);
})();

describe('browser walk of the exchange (issue 18)', () => {
  it('credit office: the destinations with what arrived; a refused delivery in the failed queue, redriven and delivered', async () => {
    const { platform } = suite;
    const firstRun = (await platform.invoke('dispatch-exchange')) as { delivered: number };
    expect(firstRun.delivered).toBeGreaterThan(0);

    // The city platform refuses the next delivery (a field it will not take): dead-lettered at once.
    platform.upstream.fail({ status: 422, body: '处罚机关代码不在本市目录' }, 'city');
    const today = localDate(platform.clock.now(), county.timeZone);
    const pushed = await callApi(platform, 'POST', '/records', 'department', 'dept-market', {
      kind: 'penalty',
      subject: { name: '赞皇演示交换有限公司', category: 'legalPerson', uscc: code, legalRepresentative: '赵六' },
      decisionNumber: '赞市监罚〔2026〕901号',
      decisionDate: addDays(today, -1),
      authority: { name: '赞皇县市场监督管理局', uscc: code },
      sourceDepartment: '赞皇县市场监督管理局',
      violationType: '虚假宣传',
      facts: '宣传与实际不符',
      legalBasis: '《中华人民共和国反不正当竞争法》第二十条',
      penaltyCategories: ['warning'],
      penaltyContent: '警告',
    });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    expect(((await platform.invoke('dispatch-exchange')) as { deadLettered: number }).deadLettered).toBe(1);
    platform.upstream.recover('city');

    const w = await suite.start('office-exchange');
    await w.run(async ({ page }) => {
      await w.signIn(base(), 'creditOffice', 'credit-office');
      await page.getByTestId('console-nav-exchange').click();
      const city = page.locator('[data-testid="exchange-destination"][data-destination="city"]');
      await city.waitFor();
      expect(Number(await city.getByTestId('exchange-delivered').textContent())).toBe(firstRun.delivered);
      expect(await city.getByTestId('exchange-failed').textContent()).toBe('1');
      expect(await city.getByTestId('exchange-last-error').textContent()).toContain('处罚机关代码不在本市目录');
      expect(await page.locator('[data-testid="exchange-destination"][data-destination="province-files"]').count()).toBe(1);
      await page.getByTestId('exchange-delivery').first().waitFor();
      await w.step('destinations');

      await page.getByTestId('exchange-filter-failed').click();
      const failed = page.locator('[data-testid="exchange-delivery"][data-state="failed"]');
      await eventually(() => failed.count()).toBe(1);
      expect(await failed.textContent()).toContain('赞市监罚〔2026〕901号');
      await w.step('failed-queue');

      await failed.getByTestId('exchange-redrive').click();
      await eventually(() => page.getByTestId('exchange-redriven').textContent()).toContain('1 条');
      await platform.invoke('dispatch-exchange');
      await page.getByTestId('exchange-filter-all').click();
      await eventually(async () => {
        await page.getByTestId('console-nav-exchange').click();
        return page.locator('[data-testid="exchange-destination"][data-destination="city"]').getByTestId('exchange-failed').textContent();
      }).toBe('0');
      expect(platform.upstream.kept('city').some((d) => d.body.platform.decisionNumber === '赞市监罚〔2026〕901号')).toBe(true);
      await w.step('redriven');
    });
  });
});
