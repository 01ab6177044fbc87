/**
 * Records not to be published (不予公示, issue 15 §3) on the local platform: a record a department marks (a
 * commercial secret; a black-list entry for privacy) and a minor penalty withheld by NDRC order 36 serve a
 * department's check, carry the mark and the reason to their subject, and reach no public output: the
 * public search and record, the public lists, another department's read outside a check, an institution's
 * consented query, and the public credit information report (PDF).
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { penaltyRuleInForce } from '../../shared/records/publicity-rules.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('jiaxian');
const today = testDate;
const uscc = (body: string) => {
  const first17 = `91${county.divisionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
};
const company = { code: uscc('MANPB0001'), name: '郏县不公示测试有限公司' };
const authority = { name: '郏县市场监督管理局', uscc: uscc('MANPB0009') };
const bank = uscc('MANPB0008');

let platform: LocalPlatform;
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);

const common = (number: string, daysAgo: number) => ({
  subject: { name: company.name, category: 'legalPerson', uscc: company.code, legalRepresentative: '钱测试' },
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '郏县市场监督管理局',
});
const penalty = (number: string, fineAmountYuan: number, extra: object = {}) => ({
  kind: 'penalty',
  ...common(number, 5),
  violationType: '销售不合格产品',
  facts: '抽检不合格',
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  penaltyCategories: ['fine'],
  penaltyContent: `罚款人民币${fineAmountYuan}元`,
  fineAmountYuan,
  ...extra,
});

const numbers = {
  visible: '郏市监罚〔2026〕NP1号',
  secret: '郏市监罚〔2026〕NP2号',
  minor: '郏市监罚〔2026〕NP3号',
  black: '郏税黑〔2026〕NP4号',
};
const ids: Record<keyof typeof numbers, string> = {} as never;
/** Whether order 36 is in force on the minor penalty's decision date (the test date may fall before 2026-04-01). */
const minorWithheld = penaltyRuleInForce(addDays(today, -5)).id === 'ndrc-order-36';

async function push(by: string, record: object): Promise<string> {
  const answer = await call('POST', '/records', 'department', by, record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId as string;
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'non-publication-it');
  ids.visible = await push('dept-market', penalty(numbers.visible, 20_000));
  ids.secret = await push('dept-market', penalty(numbers.secret, 20_000, { nonPublication: { reason: 'commercialSecret', note: '决定书载有产品配方' } }));
  ids.minor = await push('dept-market', penalty(numbers.minor, 500));
  ids.black = await push('dept-tax', {
    kind: 'blackList',
    ...common(numbers.black, 20),
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件当事人名单',
    listedUntil: addDays(today, 700),
    nonPublication: { reason: 'personalPrivacy' },
  });
}, 120_000);
afterAll(() => platform?.stop());

const withheldIds = () => [ids.secret, ids.black, ...(minorWithheld ? [ids.minor] : [])];

describe('a record not to be published', () => {
  it('is answered to the department that pushed it with the mark, the reason and its source', async () => {
    const answer = await call('GET', `/records/${ids.secret}`, 'department', 'dept-market');
    expect(answer.status).toBe(200);
    expect(answer.body.record.withheld).toMatchObject({ reason: 'commercialSecret', label: '涉及商业秘密', note: '决定书载有产品配方', decidedBy: 'department' });
    expect(answer.body.record.withheld.source).toContain('政府信息公开条例');
    const minor = await call('GET', `/records/${ids.minor}`, 'department', 'dept-market');
    if (minorWithheld) expect(minor.body.record.withheld).toMatchObject({ reason: 'minorDishonesty', label: '轻微失信信息', decidedBy: 'rule' });
    else expect(minor.body.record.withheld).toBeUndefined();
    expect((await call('GET', `/records/${ids.visible}`, 'department', 'dept-market')).body.record.withheld).toBeUndefined();
  });

  it('serves a department\'s check, marked', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: company.code, matter: { type: 'procurement', reference: 'ZC-NP-1', name: '办公设备采购' } });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    const shown = new Map(check.body.records.map((r: any) => [r.recordId, r]));
    for (const id of [ids.visible, ids.secret, ids.minor, ids.black]) expect(shown.has(id), id).toBe(true);
    expect((shown.get(ids.secret) as any).withheld).toMatchObject({ reason: 'commercialSecret' });
    expect(check.body.lists).toMatchObject({ blackListed: true });
  });

  it('is shown to its subject with the mark and the reason', async () => {
    const answer = await call('GET', `/subjects/${company.code}/records`, 'subject', company.code);
    expect(answer.status).toBe(200);
    const secret = answer.body.records.find((r: any) => r.recordId === ids.secret);
    expect(secret.withheld).toMatchObject({ reason: 'commercialSecret', label: '涉及商业秘密', note: '决定书载有产品配方' });
    const black = answer.body.records.find((r: any) => r.recordId === ids.black);
    expect(black.withheld).toMatchObject({ reason: 'personalPrivacy', label: '涉及个人隐私' });
  });

  it('never reaches the public search, the public record, or the public lists', async () => {
    const search = await call('GET', `/public/records?q=${company.code}`);
    expect(search.status).toBe(200);
    const found = search.body.subjects.flatMap((s: any) => s.records.map((r: any) => r.recordId));
    expect(found).toContain(ids.visible);
    for (const id of withheldIds()) expect(found).not.toContain(id);
    for (const id of withheldIds()) expect((await call('GET', `/public/records/${id}`)).status, id).toBe(404);
    expect((await call('GET', `/public/records/${ids.visible}`)).status).toBe(200);
    const black = await call('GET', '/public/lists?list=black');
    expect(black.body.records.map((r: any) => r.recordId)).not.toContain(ids.black);
    const text = JSON.stringify([search.body, black.body]);
    for (const number of [numbers.secret, numbers.black, ...(minorWithheld ? [numbers.minor] : [])]) expect(text).not.toContain(number);
  });

  it('is not found by another department outside a check, nor by another subject', async () => {
    for (const id of withheldIds()) {
      expect((await call('GET', `/records/${id}`, 'department', 'dept-finance')).status, id).toBe(404);
      expect((await call('GET', `/records/${id}`, 'subject', uscc('MANPB0007'))).status, id).toBe(404);
    }
    const listed = await call('GET', `/subjects/${company.code}/records`, 'department', 'dept-finance');
    expect(listed.body.records.map((r: any) => r.recordId)).toEqual(expect.not.arrayContaining(withheldIds()));
  });

  it('is not opened to an institution by the subject\'s consent', async () => {
    const consent = await call('POST', '/consents', 'subject', company.code, {
      grantee: bank,
      purpose: { category: 'loan', text: '授信审查' },
      scope: { records: true, reports: true },
      expiresOn: addDays(today, 90),
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const query = await call('POST', '/queries', 'institution', bank, { subjectId: company.code, consentId: consent.body.consentId, purpose: '授信审查' });
    expect(query.status, JSON.stringify(query.body)).toBe(201);
    const shown = query.body.records.map((r: any) => r.recordId);
    expect(shown).toContain(ids.visible);
    for (const id of withheldIds()) expect(shown).not.toContain(id);
  });

  it('is counted, never named, in the public notice of a late publication', async () => {
    // Both pushed a month after the decision (late): one published, one withheld; the scan two days on notices it.
    const lateShown = '郏市监罚〔2026〕NP5号';
    const lateWithheld = '郏市监罚〔2026〕NP6号';
    await push('dept-housing', { ...penalty(lateShown, 20_000), decisionDate: addDays(today, -30) });
    await push('dept-housing', { ...penalty(lateWithheld, 20_000, { nonPublication: { reason: 'stateSecret' } }), decisionDate: addDays(today, -30) });
    const day = addDays(today, 2);
    await platform.clock.set(`${day}T09:00:00+08:00`);
    await platform.invoke('overdue-scan', { date: day });
    const listed = await call('GET', '/public/notices');
    expect(listed.status).toBe(200);
    const late = listed.body.notices.find((n: any) => n.kind === 'late-publication' && n.text.includes(lateShown));
    expect(late, JSON.stringify(listed.body)).toBeDefined();
    expect(late.text).toContain('另有不予公示的信息 1 条');
    expect(JSON.stringify(listed.body)).not.toContain(lateWithheld);
    for (const number of [numbers.secret, numbers.black, ...(minorWithheld ? [numbers.minor] : [])]) expect(JSON.stringify(listed.body)).not.toContain(number);
  });

  it('is not in the public credit information report (PDF), which shows the published record', async () => {
    const response = await fetch(`${platform.apiUrl}/subjects/${company.code}/report.pdf`, { headers: { authorization: `Bearer ${await platform.token('subject', company.code)}` } });
    expect(response.status).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, '');
    expect(text).toContain(numbers.visible);
    for (const number of [numbers.secret, numbers.black, ...(minorWithheld ? [numbers.minor] : [])]) expect(text).not.toContain(number);
  });
});
