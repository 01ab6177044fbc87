/**
 * The README's example client (docs/examples/machine-client/check-tender.ts), typed from the machine API's OpenAPI
 * document, run as a vendor's system would run it: client credentials only, a tender's bidders in one batch.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { checkTender, machineToken } from '../../docs/examples/machine-client/check-tender.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('zanhuang');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startTestPlatform(county, 'machine-example-it');
  expect((await callApi(platform, 'POST', '/departments', 'creditOffice', 'credit-office', { orgId: 'dept-trading', name: '赞皇县公共资源交易中心' })).status).toBe(201);
});
afterAll(() => platform?.stop());

it('gets a token with client credentials and checks a tender’s bidders, a bad code answered alone', async () => {
  const client = (await callApi(platform, 'POST', '/machine-clients', 'creditOffice', 'credit-office', { departmentOrgId: 'dept-trading', name: '电子招投标交易平台', scopes: ['checks:run'] })).body;
  const token = await machineToken(platform.machineApiUrl, client.clientId, client.clientSecret);
  const bidders = [
    { code: uscc('MA0TEND01'), bidderNo: 'T-01' },
    { code: uscc('MA0TEND02'), bidderNo: 'T-02' },
    { code: '91130129MA0TEND03X', bidderNo: 'T-03' },
  ];
  const results = await checkTender(platform.machineApiUrl, token, { number: 'ZHZB-2026-088', name: '赞皇县道路改造工程', bidders });
  expect(results.map((r) => r.bidderNo)).toEqual(['T-01', 'T-02', 'T-03']);
  expect(results[0]).toMatchObject({ blackListed: false, punishments: [], error: undefined });
  expect(results[0]!.checkId).toMatch(/^chk_/);
  expect(results[2]!.checkId).toBeUndefined();
  expect(results[2]!.error).toContain('body.subjects.2.subjectId');
  // The same tender again: the same checks (the tender's number is the key), none logged twice.
  const again = await checkTender(platform.machineApiUrl, token, { number: 'ZHZB-2026-088', name: '赞皇县道路改造工程', bidders });
  expect(again.map((r) => r.checkId)).toEqual(results.map((r) => r.checkId));
  await expect(machineToken(platform.machineApiUrl, client.clientId, 'mcs_wrong')).rejects.toThrow(/invalid_client/);
});
