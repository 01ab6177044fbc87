import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { maskResidentId } from '../../shared/privacy/resident-id-mask.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

// Lianjiang: its notice (001 §四) encourages banks and companies to query, with the subject's consent.
const county = loadCounty('lianjiang');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const companyA = uscc('MA34C0N17');
const companyB = uscc('MA34C0N18');
const bank = uscc('MA7BNK6Y2');
const otherBank = uscc('MA7BNK6Y3');
const personFirst17 = `${county.divisionCode}19900101456`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
const authority = { name: '连江县市场监督管理局', uscc: uscc('MB0000001') };

let platform: LocalPlatform;
let today: string;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(platform, method, path, role, orgId, body, headers);
const asA = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(method, path, 'subject', companyA, body, headers);
const query = (body: unknown, orgId = bank) => call('POST', '/queries', 'institution', orgId, body);
const whoLookedAt = (subject: string, qs = '') => call('GET', `/me/checks${qs}`, 'subject', subject);

const consentBody = (overrides: Record<string, unknown> = {}) => ({
  grantee: bank,
  purpose: { category: 'loan', text: '流动资金贷款授信审查' },
  scope: { records: true, reports: true },
  expiresOn: addMonthsClamped(today, 6),
  ...overrides,
});

const record = (kind: 'penalty' | 'reward', subjectCode: string, number: string) => ({
  kind,
  subject: { name: '连江测试商贸有限公司', category: 'legalPerson', uscc: subjectCode, legalRepresentative: '李四' },
  decisionNumber: number,
  decisionDate: addDays(today, -3),
  authority,
  sourceDepartment: '连江县市场监督管理局',
  ...(kind === 'penalty'
    ? { violationType: '虚假宣传', facts: '宣传与实际不符', legalBasis: '《反不正当竞争法》第二十条', penaltyCategories: ['fine'], penaltyContent: '罚款人民币一万元', fineAmountYuan: 10000 }
    : { content: '守合同重信用企业表彰' }),
});

beforeAll(async () => {
  platform = await startTestPlatform(county, 'consents-it');
  today = localDate(platform.clock.now(), county.timeZone);
  expect((await call('POST', '/departments', 'creditOffice', 'credit-office', { orgId: 'dept-market', name: '连江县市场监督管理局' })).status).toBe(201);
  for (const r of [record('penalty', companyA, '连市监罚〔2026〕1号'), record('reward', companyA, '连市监奖〔2026〕1号'), record('penalty', companyB, '连市监罚〔2026〕2号')])
    expect((await call('POST', '/records', 'department', 'dept-market', r)).status).toBe(201);
  // A department's check of company A, for the "who looked at me" list and the usage list next to queries.
  const check = await call('POST', '/checks', 'department', 'dept-market', { subjectId: companyA, matter: { type: county.matterTypes[0]!.id, reference: 'SC-1', name: '登记' } });
  expect(check.status).toBe(201);
});
afterAll(async () => {
  await platform?.stop();
});

describe('POST /consents', () => {
  it('grants a consent (201), once per Idempotency-Key: the same body again is 200 with it, another body 409', async () => {
    const created = await asA('POST', '/consents', consentBody(), { 'idempotency-key': 'loan-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      consentId: expect.stringMatching(/^con_/),
      status: 'live',
      subject: { id: companyA, type: 'uscc' },
      grantee: { id: bank, name: null },
      purpose: { category: 'loan', categoryLabel: '贷款融资' },
      scope: { records: true, reports: true },
    });
    const again = await asA('POST', '/consents', consentBody(), { 'idempotency-key': 'loan-1' });
    expect([again.status, again.body.consentId]).toEqual([200, created.body.consentId]);
    const other = await asA('POST', '/consents', consentBody({ expiresOn: addDays(today, 10) }), { 'idempotency-key': 'loan-1' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', field: 'headers.idempotency-key' });
  });

  it.each([
    ['body.grantee', { grantee: '91350122MA34C0NS70' }],
    ['body.grantee', { grantee: companyA }],
    ['body.expiresOn', { expiresOn: '2026-13-01' }],
    ['body.expiresOn', { expiresOn: 'yesterday' }],
    ['body.purpose.category', { purpose: { category: 'gossip', text: 'x' } }],
    ['body.purpose.text', { purpose: { category: 'loan', text: ' ' } }],
    ['body.scope.records', { scope: { records: false, reports: false } }],
    ['body.scope.kinds', { scope: { records: false, reports: true, kinds: ['penalty'] } }],
    ['body.scope.kinds.0', { scope: { records: true, reports: true, kinds: ['gossip'] } }],
  ])('refuses an invalid consent naming the field (%s)', async (field, overrides) => {
    const answer = await asA('POST', '/consents', consentBody(overrides));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('refuses a last day in the past or more than a year ahead (400 on body.expiresOn)', async () => {
    for (const expiresOn of [addDays(today, -1), addDays(addMonthsClamped(today, 12), 1)]) {
      const answer = await asA('POST', '/consents', consentBody({ expiresOn }));
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe('body.expiresOn');
    }
    expect((await asA('POST', '/consents', consentBody({ expiresOn: addMonthsClamped(today, 12) }))).status).toBe(201);
    expect((await asA('POST', '/consents', consentBody({ expiresOn: today }))).status).toBe(201);
  });

  it('is for subjects only; POST /queries for institutions only', async () => {
    expect((await call('POST', '/consents', 'institution', bank, consentBody())).status).toBe(403);
    expect((await call('POST', '/consents', 'department', 'dept-market', consentBody())).status).toBe(403);
    const byDepartment = await call('POST', '/queries', 'department', 'dept-market', { subjectId: companyA, consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: 'x' });
    expect(byDepartment.status).toBe(403);
    expect(byDepartment.body.error.code).toBe('FORBIDDEN');
  });
});

describe('POST /queries', () => {
  it("answers the subject's records and reports within a live consent, resident IDs masked, and logs it like a check", async () => {
    const consent = (await asA('POST', '/consents', consentBody())).body;
    const answer = await query({ subjectId: companyA, consentId: consent.consentId, purpose: '贷款申请 DK-1' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      queryId: expect.stringMatching(/^qry_/),
      subject: { id: companyA, type: 'uscc', name: '连江测试商贸有限公司' },
      consent: { consentId: consent.consentId, status: 'live' },
      scope: { records: true, reports: true },
      reports: [],
    });
    expect(answer.body.records.map((r: any) => r.decisionNumber).sort()).toEqual(['连市监奖〔2026〕1号', '连市监罚〔2026〕1号']);
    expect(JSON.stringify(answer.body)).not.toContain('连市监罚〔2026〕2号'); // company B's record

    const looks = (await whoLookedAt(companyA)).body.checks;
    expect(looks[0]).toMatchObject({
      checkId: answer.body.queryId,
      kind: 'query',
      by: { orgId: bank, role: 'institution' },
      matter: { type: 'consentedQuery', typeName: '经授权查询（贷款融资）', reference: consent.consentId, name: '贷款申请 DK-1' },
      consentId: consent.consentId,
      outcome: null,
    });
    expect(looks[0].refused).toBeUndefined();
    expect(looks[0].records).toHaveLength(2);
  });

  it('reads only the part of the scope asked for, and only the kinds consented to', async () => {
    const penaltiesOnly = (await asA('POST', '/consents', consentBody({ scope: { records: true, reports: false, kinds: ['penalty'] } }))).body;
    const answer = await query({ subjectId: companyA, consentId: penaltiesOnly.consentId, purpose: '合同签订前核实' });
    expect(answer.status).toBe(201);
    expect(answer.body.scope).toEqual({ records: true, reports: false, kinds: ['penalty'] });
    expect(answer.body.records.map((r: any) => r.kind)).toEqual(['penalty']);

    const all = (await asA('POST', '/consents', consentBody())).body;
    const reportsOnly = await query({ subjectId: companyA, consentId: all.consentId, purpose: '只看报告', scope: { records: false } });
    expect([reportsOnly.status, reportsOnly.body.records, reportsOnly.body.scope]).toEqual([201, [], { records: false, reports: true }]);
  });

  it('refuses (403, logged) without a consent, with the consent of another subject or institution, and out of scope', async () => {
    const consent = (await asA('POST', '/consents', consentBody({ scope: { records: true, reports: false, kinds: ['penalty'] } }))).body;
    const attempts: Array<[string, unknown, string, string]> = [
      ['none', { subjectId: companyA, consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: 'p-none' }, bank, 'CONSENT_REQUIRED'],
      ['another institution', { subjectId: companyA, consentId: consent.consentId, purpose: 'p-other-bank' }, otherBank, 'CONSENT_REQUIRED'],
      ['another subject', { subjectId: companyB, consentId: consent.consentId, purpose: 'p-other-subject' }, bank, 'CONSENT_REQUIRED'],
      ['reports', { subjectId: companyA, consentId: consent.consentId, purpose: 'p-reports', scope: { reports: true } }, bank, 'OUT_OF_SCOPE'],
      ['kinds', { subjectId: companyA, consentId: consent.consentId, purpose: 'p-kinds', scope: { kinds: ['reward'] } }, bank, 'OUT_OF_SCOPE'],
    ];
    for (const [label, body, institution, code] of attempts) {
      const answer = await query(body, institution);
      expect([label, answer.status, answer.body.error.code]).toEqual([label, 403, code]);
      expect(answer.body.records, label).toBeUndefined();
    }

    const looksA = (await whoLookedAt(companyA)).body.checks;
    for (const [label, body, institution, code] of attempts.filter(([label]) => label !== 'another subject')) {
      const look = looksA.find((l: any) => l.matter.name === (body as { purpose: string }).purpose);
      expect(look, label).toMatchObject({ kind: 'query', by: { orgId: institution, role: 'institution' }, refused: { code }, records: [], reports: [] });
    }
    // The attempt on company B with A's consent is company B's to see.
    const looksB = (await whoLookedAt(companyB)).body.checks;
    expect(looksB).toEqual([expect.objectContaining({ kind: 'query', refused: expect.objectContaining({ code: 'CONSENT_REQUIRED' }), matter: expect.objectContaining({ name: 'p-other-subject' }) })]);
  });

  it('refuses after the subject revokes (DELETE: 200, again 200 unchanged; not the grantor: 404)', async () => {
    const consent = (await asA('POST', '/consents', consentBody())).body;
    expect((await query({ subjectId: companyA, consentId: consent.consentId, purpose: 'before revoking' })).status).toBe(201);

    expect((await call('DELETE', `/consents/${consent.consentId}`, 'subject', companyB)).status).toBe(404);
    expect((await call('DELETE', `/consents/${consent.consentId}`, 'institution', bank)).status).toBe(403);
    const revoked = await asA('DELETE', `/consents/${consent.consentId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ consentId: consent.consentId, status: 'revoked', revoked: { on: today } });
    const again = await asA('DELETE', `/consents/${consent.consentId}`);
    expect([again.status, again.body.revoked]).toEqual([200, revoked.body.revoked]);
    expect((await asA('DELETE', '/consents/con_BBBBBBBBBBBBBBBBBBBBBB')).status).toBe(404);

    const refused = await query({ subjectId: companyA, consentId: consent.consentId, purpose: 'after revoking' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'CONSENT_REVOKED']);
    const look = (await whoLookedAt(companyA)).body.checks.find((l: any) => l.matter.name === 'after revoking');
    expect(look).toMatchObject({ refused: { code: 'CONSENT_REVOKED' }, consentId: consent.consentId });
  });

  it('names invalid fields (400) without echoing a resident ID number', async () => {
    const badId = await query({ subjectId: person.slice(0, 17) + (person.endsWith('0') ? '1' : '0'), consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.field).toBe('body.subjectId');
    expect(JSON.stringify(badId.body)).not.toContain(person.slice(0, 17));
    expect((await query({ subjectId: companyA, consentId: 'nope', purpose: 'x' })).body.error.field).toBe('body.consentId');
    expect((await query({ subjectId: companyA, consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: '' })).body.error.field).toBe('body.purpose');
    expect((await query({ subjectId: companyA, consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: 'x', scope: { kinds: [] } })).body.error.field).toBe('body.scope.kinds');
  });

  it("keys a person by the look-up key: a refused query is in the person's list, and no answer holds the number", async () => {
    const refused = await query({ subjectId: person, consentId: 'con_AAAAAAAAAAAAAAAAAAAAAA', purpose: 'person without consent' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'CONSENT_REQUIRED']);
    expect(JSON.stringify(refused.body)).not.toContain(person);

    // The person's token names its ID number (the Cognito attribute); the platform keys it as P_…, and no answer shows the key (issue 13, 3b).
    const looks = (await whoLookedAt(person)).body.checks;
    expect(looks).toEqual([expect.objectContaining({ kind: 'query', refused: expect.objectContaining({ code: 'CONSENT_REQUIRED' }) })]);
    expect(JSON.stringify(looks)).not.toContain(person);

    const consent = await call('POST', '/consents', 'subject', person, consentBody());
    expect(consent.body.subject).toEqual({ id: maskResidentId(person), type: 'residentId' });
    const allowed = await query({ subjectId: person, consentId: consent.body.consentId, purpose: 'person with consent' });
    expect(allowed.status).toBe(201);
    expect(allowed.body.subject.id).not.toBe(person);
    expect(JSON.stringify(allowed.body)).not.toContain(person);
  });
});

describe('GET /consents', () => {
  it('shows a subject its own, an institution those granted to it, the credit office any', async () => {
    const mine = await asA('GET', '/consents?limit=200');
    expect(mine.status).toBe(200);
    expect(mine.body.consents.length).toBeGreaterThan(3);
    expect(mine.body.consents.every((c: any) => c.subject.id === companyA)).toBe(true);
    // Newest first.
    const granted = mine.body.consents.map((c: any) => c.grantedAt);
    expect(granted).toEqual([...granted].sort().reverse());

    expect((await call('GET', '/consents', 'subject', companyB)).body.consents).toEqual([]);
    const toBank = (await call('GET', '/consents?limit=200', 'institution', bank)).body.consents;
    expect(toBank.length).toBeGreaterThan(3);
    expect(toBank.every((c: any) => c.grantee.id === bank)).toBe(true);
    expect((await call('GET', '/consents', 'institution', otherBank)).body.consents).toEqual([]);

    expect((await call('GET', `/consents?subjectId=${companyB}`, 'subject', companyA)).status).toBe(403);
    expect((await call('GET', '/consents', 'department', 'dept-market')).status).toBe(403);
    const ofA = (await call('GET', `/consents?subjectId=${companyA}&limit=200`, 'creditOffice', 'credit-office')).body.consents;
    expect(ofA.map((c: any) => c.consentId)).toEqual(mine.body.consents.map((c: any) => c.consentId));

    // All of them, page by page.
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('GET', `/consents?limit=2${nextToken ? `&nextToken=${nextToken}` : ''}`, 'creditOffice', 'credit-office');
      expect(page.status).toBe(200);
      seen.push(...page.body.consents.map((c: any) => c.consentId));
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.length).toBeGreaterThan(ofA.length);
  });
});

describe('GET /me/checks', () => {
  it("pages a subject's checks and queries, newest first, with the department's name", async () => {
    const all = (await whoLookedAt(companyA, '?limit=200')).body;
    expect(all.nextToken).toBeUndefined();
    const times = all.checks.map((c: any) => c.at);
    expect(times).toEqual([...times].sort().reverse());
    const check = all.checks.find((c: any) => c.kind === 'check');
    expect(check).toMatchObject({ by: { orgId: 'dept-market', role: 'department', name: '连江县市场监督管理局' }, matter: { reference: 'SC-1' } });
    expect(check.records).toHaveLength(2);

    const paged: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await whoLookedAt(companyA, `?limit=3${nextToken ? `&nextToken=${nextToken}` : ''}`);
      paged.push(...page.body.checks.map((c: any) => c.checkId));
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(paged).toEqual(all.checks.map((c: any) => c.checkId));
    expect((await whoLookedAt(companyA, '?nextToken=garbage')).body.error.field).toBe('query.nextToken');
    expect((await call('GET', '/me/checks', 'institution', bank)).status).toBe(403);
  });

  it("keeps queries out of departments' checks, usage lists and the compliance view", async () => {
    const compliance = await call('GET', `/compliance?period=${today.slice(0, 7)}`, 'creditOffice', 'credit-office');
    expect(compliance.status).toBe(200);
    expect(compliance.body.departments.map((d: any) => d.orgId)).toEqual(['dept-market']);
    expect(compliance.body.departments[0].checks.total).toBe(1);
    const checks = await call('GET', '/checks', 'department', 'dept-market');
    expect(checks.body.checks.map((c: any) => c.matter.reference)).toEqual(['SC-1']);
    const list = await call('GET', `/usage-lists/${today.slice(0, 7)}`, 'department', 'dept-market');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('consentedQuery');
  });
});

// Last: it moves the platform clock forward.
describe('expiry', () => {
  it('refuses a consent after its last day (county-local), and lists it as expired', async () => {
    const consent = (await asA('POST', '/consents', consentBody({ expiresOn: addDays(today, 2) }))).body;
    expect((await query({ subjectId: companyA, consentId: consent.consentId, purpose: 'before expiry' })).status).toBe(201);
    await platform.clock.advance(3 * 24 * 3600 * 1000);
    const refused = await query({ subjectId: companyA, consentId: consent.consentId, purpose: 'after expiry' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'CONSENT_EXPIRED']);
    const listed = (await asA('GET', '/consents?limit=200')).body.consents.find((c: any) => c.consentId === consent.consentId);
    expect(listed.status).toBe('expired');
    const look = (await whoLookedAt(companyA)).body.checks[0];
    expect(look).toMatchObject({ matter: { name: 'after expiry' }, refused: { code: 'CONSENT_EXPIRED' } });
  });
});
