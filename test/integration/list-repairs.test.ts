/**
 * Credit repair of list entries, and the commitment published with a repair (issue 16), end to end on the
 * local platform: the real handlers, DynamoDB Local and the verification workflow. Order 36 counts list
 * entries among the dishonesty information a subject may repair; which lists, and from when, is county data
 * (`cases.repairableLists`, `cases.notRepairable`). Every date is relative to the test date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('wuchang');
const today = testDate;
let serial = 0;
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}MF${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const authority = { name: '武昌区税务局', uscc: newCompany() };

let platform: LocalPlatform;
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const office = (method: string, path: string, body?: unknown) => call(method, path, 'creditOffice', 'credit-office', body);

const listEntry = (code: string, number: string, listName: string, daysAgo: number, kind = 'blackList') => ({
  kind,
  subject: { name: `武昌修复测试${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '赵六' },
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '武昌区税务局',
  ...(kind === 'blackList'
    ? { listName, listingBasis: '列入依据（测试）', listedUntil: addDays(today, 700) }
    : { court: '武昌区人民法院', caseNumber: number, obligation: '支付货款人民币十万元', performanceStatus: 'unperformed' }),
});
const repairBody = (recordId: string) => ({
  recordId,
  reason: '已补缴全部税款和滞纳金，请求移出名单',
  commitment: '本公司承诺今后依法诚信纳税，按时申报，如有违反自愿接受相应惩戒（修复测试承诺）',
  correctiveActions: '已补缴税款、滞纳金及罚款，并完成财务制度整改',
});

async function push(record: unknown): Promise<string> {
  const answer = await call('POST', '/records', 'department', 'dept-tax', record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId;
}
const caseState = (path: string, state: string) =>
  until(`${path} to be ${state}`, async () => {
    const c = await office('GET', path);
    return c.body.state === state ? c.body : undefined;
  }, 30_000);

beforeAll(async () => {
  platform = await startTestPlatform(county, 'list-repairs-it');
}, 240_000);
afterAll(() => platform?.stop());

describe('credit repair of list entries', () => {
  it('a tax black-list entry listed over a year ago is repaired: it leaves the public lists, and the commitment is published with the repair', async () => {
    const code = newCompany();
    const recordId = await push(listEntry(code, '武税黑〔2025〕11号', 'major-tax-violation', 400));
    const before = await call('GET', `/public/records/${recordId}`);
    expect(before.status).toBe(200);
    const publicity = (await call('GET', `/records/${recordId}`, 'subject', code)).body.record.publicity;
    expect(publicity.repairRuleSource).toContain('第36号');
    expect(publicity.repairEligibleFrom >= addMonthsClamped(addDays(today, -400), 12) && publicity.repairEligibleFrom <= today).toBe(true);

    const requested = await call('POST', '/repairs', 'subject', code, repairBody(recordId));
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const caseId = requested.body.case.caseId as string;
    await caseState(`/repairs/${caseId}`, 'verifying');
    await until('the repair to wait for the department', async () => ((await office('GET', `/repairs/${caseId}`)).body.answerBy ? true : undefined), 30_000);
    const decided = await call('POST', `/repairs/${caseId}/decision`, 'department', 'dept-tax', { outcome: 'approved', reasoning: '已纠正失信行为并公开作出信用承诺，同意移出名单' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(202);
    const closed = await caseState(`/repairs/${caseId}`, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'approved', recordStatus: 'repaired', commitmentRecordId: expect.stringMatching(/^rec_/) });
    const commitmentId = closed.applied.commitmentRecordId as string;

    // The entry is repaired: no longer public, nor on the public black list.
    expect((await call('GET', `/records/${recordId}`, 'subject', code)).body.record.status).toBe('repaired');
    expect((await call('GET', `/public/records/${recordId}`)).status).toBe(404);
    const blackList = await call('GET', '/public/lists?list=black&limit=200');
    expect(blackList.body.records.map((r: { recordId: string }) => r.recordId)).not.toContain(recordId);

    // The commitment is public, as a 信用承诺 record of the subject: its text, the repair it belongs to, the deciding authority.
    const published = await call('GET', `/public/records/${commitmentId}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      kind: 'commitment',
      status: 'active',
      subject: { id: code },
      decisionNumber: `信用修复承诺〔${caseId}〕`,
      decisionDate: today,
      authority: { name: authority.name },
      content: { commitmentType: '信用修复承诺', content: repairBody(recordId).commitment },
    });
    // It names neither the repaired entry's number nor its basis.
    expect(JSON.stringify(published.body)).not.toContain('武税黑〔2025〕11号');
    const search = await call('GET', `/public/records?q=${code}`);
    expect(search.body.subjects[0].records.map((r: { recordId: string }) => r.recordId)).toEqual([commitmentId]);
    // The subject is told the commitment was published.
    const told = sentNotices(platform).filter((n) => n.kind === 'case-decided' && n.about === caseId);
    expect(told).toEqual([expect.objectContaining({ text: expect.stringContaining(commitmentId) })]);
  }, 120_000);

  it('a recent serious entry may be repaired only a year after its listing; an abnormal-operations entry at once', async () => {
    const code = newCompany();
    const recent = await push(listEntry(code, '武税黑〔2026〕12号', 'serious-dishonesty', 5));
    const early = await call('POST', '/repairs', 'subject', code, repairBody(recent));
    expect([early.status, early.body.error.code]).toEqual([409, 'REPAIR_NOT_YET_ELIGIBLE']);
    const from = (await call('GET', `/records/${recent}`, 'subject', code)).body.record.publicity.repairEligibleFrom as string;
    expect(from >= addMonthsClamped(addDays(today, -5), 12)).toBe(true);
    expect(early.body.error.message).toContain(`${from} 起可申请信用修复`);

    const abnormal = await push(listEntry(code, '武市监异〔2026〕13号', 'abnormal-operations', 5));
    const atOnce = await call('POST', '/repairs', 'subject', code, repairBody(abnormal));
    expect(atOnce.status, JSON.stringify(atOnce.body)).toBe(201);
  }, 60_000);

  it("a court's dishonest-debtor entry and a food-and-drug ban are not repaired, the subject told why in Chinese", async () => {
    const code = newCompany();
    const debtor = await push(listEntry(code, '（2026）鄂0106执14号', '', 400, 'dishonestDebtor'));
    const refused = await call('POST', '/repairs', 'subject', code, repairBody(debtor));
    expect([refused.status, refused.body.error.code]).toEqual([409, 'REPAIR_NOT_APPLICABLE']);
    expect(refused.body.error.message).toMatch(/人民法院.*第十条/);
    const ban = await push(listEntry(code, '武市监禁〔2025〕15号', 'food-drug-ban', 400));
    const banned = await call('POST', '/repairs', 'subject', code, repairBody(ban));
    expect([banned.status, banned.body.error.code]).toEqual([409, 'REPAIR_NOT_APPLICABLE']);
    expect(banned.body.error.message).toContain('食品安全法');
  }, 60_000);
});

describe('the credit office finds stuck cases by state', () => {
  it('GET /repairs?state=stuck lists the stuck repair (from the state index), and it closes after the restart', async () => {
    const code = newCompany();
    const recordId = await push(listEntry(code, '武税黑〔2025〕16号', 'serious-illegal-dishonest-enterprise', 400));
    const requested = await call('POST', '/repairs', 'subject', code, repairBody(recordId));
    const caseId = requested.body.case.caseId as string;
    await until('the repair to wait for the department', async () => ((await office('GET', `/repairs/${caseId}`)).body.answerBy ? true : undefined), 30_000);
    platform.faults.failNext('apply-case-outcome', 10);
    expect((await call('POST', `/repairs/${caseId}/decision`, 'department', 'dept-tax', { outcome: 'approved', reasoning: '同意' })).status).toBe(202);
    await caseState(`/repairs/${caseId}`, 'stuck');
    platform.faults.clear();

    const stuck = await office('GET', '/repairs?state=stuck');
    expect(stuck.status).toBe(200);
    expect(stuck.body.cases.map((c: { caseId: string; state: string }) => [c.caseId, c.state])).toEqual([[caseId, 'stuck']]);
    // Objections in the same state are not repairs.
    expect((await office('GET', '/objections?state=stuck')).body.cases).toEqual([]);
    // A department lists only its own, whatever state it asks.
    expect((await call('GET', '/repairs?state=stuck', 'department', 'dept-finance')).body.cases).toEqual([]);

    expect((await office('POST', `/cases/${caseId}/restart`, {})).status).toBe(202);
    const closed = await caseState(`/repairs/${caseId}`, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'approved', commitmentRecordId: expect.stringMatching(/^rec_/) });
    expect((await office('GET', '/repairs?state=stuck')).body.cases).toEqual([]);
  }, 120_000);
});
