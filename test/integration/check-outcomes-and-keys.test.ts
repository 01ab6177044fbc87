/**
 * Issue 13, classes 3c, 3d, 3k and the check part of 3b, through the local platform:
 * - 3c an outcome records only measures the check offered and that were in force at the check;
 * - 3d an Idempotency-Key is bound to its body: another body is 409, the same body answers the first
 *   check again (the same receipt), also when both requests arrive at once;
 * - 3k what a caller may not see is 404 on every verb (another department's check outcome, an answer
 *   to a case by a department that is not the provider), and no Step Functions error text reaches a subject;
 * - 3b PUT /checks/{id}/outcome answers what GET /checks/{id} shows, with no look-up key or sealed value.
 * "Today" is the platform clock's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

// Jiaxian keeps a court's dishonest-debtor entry in force during an objection (cases.keepPunishmentsDuringObjection).
const county = loadCounty('jiaxian');
let serial = 0;
/** A fresh company per scenario, so that scenarios do not see each other's records. */
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}MC${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const personFirst17 = `${county.divisionCode}19790312246`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
const authority = { name: '郏县税务局', uscc: newCompany() };

let platform: LocalPlatform;
let today: string;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(platform, method, path, role, orgId, body, headers);
const dept = (orgId: string) => ({
  get: (path: string) => call('GET', path, 'department', orgId),
  post: (path: string, body: unknown, headers: Record<string, string> = {}) => call('POST', path, 'department', orgId, body, headers),
  put: (path: string, body: unknown) => call('PUT', path, 'department', orgId, body),
});
const office = { get: (path: string) => call('GET', path, 'creditOffice', 'credit-office') };

const common = (subject: Record<string, unknown>, number: string, daysAgo = 5) => ({
  subject,
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '郏县税务局',
});
const companySubject = (code: string) => ({ name: `郏县测试企业${code.slice(-5)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '李四' });
const blackList = (code: string, number: string) => ({
  kind: 'blackList',
  ...common(companySubject(code), number),
  listName: 'major-tax-violation',
  listingBasis: '重大税收违法失信案件当事人名单',
  listedUntil: addDays(today, 700),
});
const dishonestDebtor = (code: string, number: string) => ({
  kind: 'dishonestDebtor',
  ...common(companySubject(code), number),
  court: '郏县人民法院',
  caseNumber: number,
  obligation: '支付货款人民币五十万元',
  performanceStatus: 'unperformed',
});
const penalty = (subject: Record<string, unknown>, number: string, daysAgo = 5) => ({
  kind: 'penalty',
  ...common(subject, number, daysAgo),
  violationType: '虚假纳税申报',
  facts: '少报应税收入',
  legalBasis: '《中华人民共和国税收征收管理法》第六十三条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
});

async function push(orgId: string, record: unknown): Promise<string> {
  const answer = await dept(orgId).post('/records', record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId;
}
const matter = (reference: string) => ({ type: 'procurement', reference, name: '办公设备采购' });
async function check(orgId: string, subjectId: string, reference: string) {
  const answer = await dept(orgId).post('/checks', { subjectId, matter: matter(reference) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}
const outcome = (measureIds: string[]) => ({ usage: '查询信用记录，供应商列入严重失信主体名单', appliedMeasures: measureIds.map((measureId) => ({ measureId })), decision: 'rejected' });
async function objectTo(code: string, recordId: string): Promise<string> {
  const raised = await call('POST', '/objections', 'subject', code, { recordId, reason: '名单信息有误' });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  return raised.body.case.caseId;
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'check-outcomes-it');
  today = localDate(platform.clock.now(), county.timeZone);
}, 180_000);
afterAll(() => platform?.stop());

describe('3c: an outcome records only measures the check offered and that were in force', () => {
  it('a measure of the catalog the check did not offer is 409 MEASURE_NOT_OFFERED naming it, and nothing is recorded', async () => {
    const code = newCompany();
    await push('dept-tax', blackList(code, '郏税黑〔2026〕101号'));
    const shown = await check('dept-finance', code, 'CG-101');
    const offered = shown.measures.map((m: { measureId: string }) => m.measureId);
    const punishment = shown.measures.find((m: { kind: string; suspended: boolean }) => m.kind === 'punishment' && !m.suspended).measureId;
    const notOffered = county.measures.find((m) => !offered.includes(m.id))!.id;

    const refused = await dept('dept-finance').put(`/checks/${shown.checkId}/outcome`, outcome([punishment, notOffered]));
    expect([refused.status, refused.body.error?.code, refused.body.error?.field]).toEqual([409, 'MEASURE_NOT_OFFERED', 'body.appliedMeasures.1.measureId']);
    expect(refused.body.error.message).toContain(notOffered);
    expect((await dept('dept-finance').get(`/checks/${shown.checkId}`)).body.outcome).toBeNull();

    const saved = await dept('dept-finance').put(`/checks/${shown.checkId}/outcome`, outcome([punishment]));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.outcome.appliedMeasures).toMatchObject([{ measureId: punishment, kind: 'punishment' }]);
  });

  it('a punishment suspended under objection at the check is 409 MEASURE_SUSPENDED naming it', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '郏税黑〔2026〕102号'));
    const caseId = await objectTo(code, recordId);
    const shown = await check('dept-finance', code, 'CG-102');
    const suspended = shown.measures.find((m: { suspended: boolean }) => m.suspended);
    expect(suspended, JSON.stringify(shown.measures)).toMatchObject({ kind: 'punishment', suspendedBy: [caseId] });

    const refused = await dept('dept-finance').put(`/checks/${shown.checkId}/outcome`, outcome([suspended.measureId]));
    expect([refused.status, refused.body.error?.code, refused.body.error?.field]).toEqual([409, 'MEASURE_SUSPENDED', 'body.appliedMeasures.0.measureId']);
    expect(refused.body.error.message).toContain(suspended.measureId);
    expect((await dept('dept-finance').get(`/checks/${shown.checkId}`)).body.outcome).toBeNull();
  });

  it('a punishment the county keeps in force despite an objection (a court\'s dishonest-debtor entry) may be recorded', async () => {
    const code = newCompany();
    const recordId = await push('dept-court', dishonestDebtor(code, '（2026）豫0425执103号'));
    await objectTo(code, recordId);
    const shown = await check('dept-finance', code, 'CG-103');
    const kept = shown.measures.find((m: { inForceDespiteObjection?: unknown[] }) => m.inForceDespiteObjection?.length);
    expect(kept, JSON.stringify(shown.measures)).toMatchObject({ kind: 'punishment', suspended: false });

    const saved = await dept('dept-finance').put(`/checks/${shown.checkId}/outcome`, outcome([kept.measureId]));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.outcome.appliedMeasures).toMatchObject([{ measureId: kept.measureId }]);
  });
});

describe('3d: an Idempotency-Key is bound to its body', () => {
  /** A receipt less what is signed anew for every answer (the reports' download links). */
  const withoutLinks = (receipt: { reports: { download?: unknown }[] }) => ({ ...receipt, reports: receipt.reports.map(({ download: _link, ...r }) => r) });
  const listed = async (orgId: string, reference: string) =>
    (await dept(orgId).get(`/checks?from=${today}&to=${today}&limit=200`)).body.checks.filter((c: { matter: { reference: string } }) => c.matter.reference === reference);

  it('the same key with another body is 409 naming headers.idempotency-key, and logs no second check', async () => {
    const code = newCompany();
    await push('dept-tax', blackList(code, '郏税黑〔2026〕201号'));
    const first = await dept('dept-finance').post('/checks', { subjectId: code, matter: matter('CG-201') }, { 'idempotency-key': 'key-201' });
    expect(first.status).toBe(201);
    const other = await dept('dept-finance').post('/checks', { subjectId: code, matter: { ...matter('CG-201'), name: '另一采购事项' } }, { 'idempotency-key': 'key-201' });
    expect([other.status, other.body.error?.code, other.body.error?.field]).toEqual([409, 'CONFLICT', 'headers.idempotency-key']);
    const otherSubject = await dept('dept-finance').post('/checks', { subjectId: newCompany(), matter: matter('CG-201') }, { 'idempotency-key': 'key-201' });
    expect([otherSubject.status, otherSubject.body.error?.code]).toEqual([409, 'CONFLICT']);
    expect((await listed('dept-finance', 'CG-201')).map((c: { checkId: string }) => c.checkId)).toEqual([first.body.checkId]);
  });

  it('the same key and body answers the first check again: the same id and the same receipt', async () => {
    const code = newCompany();
    await push('dept-tax', blackList(code, '郏税黑〔2026〕202号'));
    const body = { subjectId: code, matter: matter('CG-202') };
    const first = await dept('dept-finance').post('/checks', body, { 'idempotency-key': 'key-202' });
    const again = await dept('dept-finance').post('/checks', body, { 'idempotency-key': 'key-202' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(first.body.records).toHaveLength(1);
    expect(withoutLinks(again.body)).toEqual(withoutLinks(first.body));
  });

  it('two identical requests at once log one check, and both answer it', async () => {
    const code = newCompany();
    await push('dept-tax', blackList(code, '郏税黑〔2026〕203号'));
    const body = { subjectId: code, matter: matter('CG-203') };
    const answers = await Promise.all([1, 2, 3].map(() => dept('dept-finance').post('/checks', body, { 'idempotency-key': 'key-203' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.checkId)).size).toBe(1);
    const [a, b, c] = answers.map((answer) => withoutLinks(answer.body));
    expect([b, c]).toEqual([a, a]);
    expect(await listed('dept-finance', 'CG-203')).toHaveLength(1);
  });
});

describe("3k: 404, not 403, for what the caller may not see", () => {
  it("recording the outcome of another department's check is 404, as reading it is, and records nothing", async () => {
    const code = newCompany();
    await push('dept-tax', blackList(code, '郏税黑〔2026〕301号'));
    const shown = await check('dept-finance', code, 'CG-301');
    const read = await dept('dept-housing').get(`/checks/${shown.checkId}`);
    const written = await dept('dept-housing').put(`/checks/${shown.checkId}/outcome`, outcome([]));
    expect([read.status, written.status]).toEqual([404, 404]);
    expect(written.body.error).toEqual({ ...read.body.error, message: expect.any(String) });
    expect(written.body.error.code).toBe('NOT_FOUND');
    expect((await dept('dept-finance').get(`/checks/${shown.checkId}`)).body.outcome).toBeNull();
  });

  it('an answer to an objection or a repair by a department that is not the provider is 404 and does not name the provider', async () => {
    const code = newCompany();
    const listed = await push('dept-tax', blackList(code, '郏税黑〔2026〕302号'));
    const objectionId = await objectTo(code, listed);
    // A fine decided 120 days ago: past its minimum publicity (3 months under either NDRC order), still public.
    const fined = await push('dept-tax', penalty(companySubject(code), '郏税罚〔2026〕302号', 120));
    const repair = await call('POST', '/repairs', 'subject', code, { recordId: fined, reason: '罚款已缴清', commitment: '今后诚信经营', correctiveActions: '已整改' });
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
    const answers = [
      await dept('dept-housing').post(`/objections/${objectionId}/verification`, { outcome: 'revoked', reasoning: '越权答复' }),
      await dept('dept-housing').post(`/repairs/${repair.body.case.caseId}/decision`, { outcome: 'approved', reasoning: '越权决定' }),
    ];
    for (const answer of answers) {
      expect([answer.status, answer.body.error?.code]).toEqual([404, 'NOT_FOUND']);
      expect(JSON.stringify(answer.body)).not.toContain('dept-tax');
    }
    expect((await office.get(`/objections/${objectionId}`)).body.answer).toBeUndefined();
    expect((await office.get(`/repairs/${repair.body.case.caseId}`)).body.answer).toBeUndefined();
  });

  it('a stuck case shows its subject no Step Functions error text, only a plain message; the credit office sees the error', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '郏税黑〔2026〕303号'));
    platform.faults.failNext('open-case', 20, 'SfnClientExplodedException');
    const caseId = await objectTo(code, recordId);
    const stuck = await until(`objection ${caseId} to be stuck`, async () => {
      const c = await office.get(`/objections/${caseId}`);
      return c.body.state === 'stuck' ? c.body : undefined;
    }, 60_000);
    platform.faults.clear();
    expect(stuck.stuck).toMatchObject({ error: 'SfnClientExplodedException' });

    for (const [who, answer] of [
      ['subject', await call('GET', `/objections/${caseId}`, 'subject', code)],
      ['subject list', await call('GET', '/objections', 'subject', code)],
      ['provider', await dept('dept-tax').get(`/objections/${caseId}`)],
    ] as const) {
      expect(answer.status, who).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text, who).not.toContain('SfnClientExploded');
      expect(text, who).not.toContain('injected fault');
    }
    const seen = (await call('GET', `/objections/${caseId}`, 'subject', code)).body;
    expect(seen.state).toBe('stuck');
    expect(seen.stuck).toEqual({ at: stuck.stuck.at, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });
});

describe('3b: PUT /checks/{id}/outcome answers what GET /checks/{id} shows', () => {
  it('the same projection for both, with no look-up key and no sealed value (a person as subject)', async () => {
    const subject = { name: '张测试', category: 'naturalPerson', residentId: person };
    await push('dept-tax', penalty(subject, '郏税罚〔2026〕401号'));
    const shown = await check('dept-finance', person, 'CG-401');
    const saved = await dept('dept-finance').put(`/checks/${shown.checkId}/outcome`, outcome([]));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = await dept('dept-finance').get(`/checks/${shown.checkId}`);
    expect(saved.body).toEqual(read.body);
    for (const answer of [saved, read]) {
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/"P_[A-Z2-7]{8,}/);
      expect(text).not.toContain('rid1.');
      expect(text).not.toContain('sealedId');
      expect(text).not.toContain(person);
      expect(answer.body.subject.id).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    }
  });
});
