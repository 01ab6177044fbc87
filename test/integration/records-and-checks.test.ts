import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const county = loadCounty('zanhuang');
const today = testDate;
const uscc = (body: string) => `91130129${body}${usccCheckCharacter(`91130129${body}`)}`;
const personId = `13012919900101${'456'}`;
const person = personId + residentIdCheckDigit(personId);
const authority = { name: '赞皇县市场监督管理局', uscc: uscc('MB0000001') };

let platform: LocalPlatform;
const logLines: string[] = [];

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(platform, method, path, role, orgId, body, headers);
const dept = (method: string, path: string, body?: unknown, orgId = 'dept-market') => call(method, path, 'department', orgId, body);

const penalty = (subjectCode: string, number: string, overrides: Record<string, unknown> = {}) => ({
  kind: 'penalty',
  subject: { name: '测试商贸有限公司', category: 'legalPerson', uscc: subjectCode, legalRepresentative: '李四' },
  decisionNumber: number,
  decisionDate: addDays(today, -3),
  authority,
  sourceDepartment: '赞皇县市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
  ...overrides,
});

beforeAll(async () => {
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any, ...rest: any[]) => (logLines.push(String(chunk)), write(chunk, ...rest)));
  platform = await startLocalPlatform({ county, clock: testClockStart, dataDir: mkdtempSync(join(tmpdir(), 'records-it-')), port: 0, fresh: true, demo: true, log: (e) => void logLines.push(JSON.stringify(e)) });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await platform?.stop();
});

describe('POST /records', () => {
  const code = uscc('MC1000001');

  it('stores a penalty with its publication deadline and publicity period; a retry returns it; another body under its key is 409', async () => {
    const created = await dept('POST', '/records', penalty(code, '赞市监罚〔2026〕1号'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'penalty', version: 1, status: 'active', subject: { id: code, type: 'uscc' } });
    expect(created.body.publication).toMatchObject({ late: false });
    expect(created.body.publicity.publicUntil > today).toBe(true);

    const retry = await dept('POST', '/records', penalty(code, '赞市监罚〔2026〕1号'));
    expect([retry.status, retry.body.recordId]).toEqual([200, created.body.recordId]);

    const other = await dept('POST', '/records', penalty(code, '赞市监罚〔2026〕1号', { fineAmountYuan: 20000 }));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.decisionNumber' });
  });

  it('stores concurrent duplicates once', async () => {
    const body = penalty(code, '赞市监罚〔2026〕2号');
    const answers = await Promise.all(Array.from({ length: 6 }, () => dept('POST', '/records', body)));
    expect(new Set(answers.map((a) => a.body.recordId)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => [200, 201].includes(a.status))).toBe(true);
    const history = await dept('GET', `/records/${answers[0]!.body.recordId}?history=true`);
    expect(history.body.versions).toHaveLength(1);
  });

  it('overlapping batches at once, and a number repeated within a batch: each record stored once, every answer true to what is stored', async () => {
    // 60 numbers; three batches of 40 overlapping on 20, sent together; the third gives 5 of its shared numbers another body.
    const number = (i: number) => `赞市监罚〔2026〕B${i}号`;
    const batchOf = (from: number, changed = new Set<number>()) => ({ records: Array.from({ length: 40 }, (_, i) => penalty(code, number(from + i), changed.has(from + i) ? { fineAmountYuan: 777 } : {})) });
    const changed = new Set([20, 21, 22, 23, 24]);
    const [a, b, c] = await Promise.all([dept('POST', '/records', batchOf(0)), dept('POST', '/records', batchOf(20)), dept('POST', '/records', batchOf(20, changed))]);
    const statuses = new Map<string, string[]>();
    for (const [answer, from] of [[a, 0], [b, 20], [c, 20]] as const) {
      expect(answer.status).toBe(200);
      answer.body.results.forEach((r: any, i: number) => statuses.set(number(from + i), [...(statuses.get(number(from + i)) ?? []), r.status]));
    }
    for (let i = 0; i < 60; i += 1) {
      const seen = statuses.get(number(i))!;
      expect(seen.filter((s) => s === 'created'), number(i)).toHaveLength(1);
      expect(seen.every((s) => ['created', 'existing', 'conflict'].includes(s))).toBe(true);
    }
    // Conflicts only where bodies differ: the changed five, and only between b and c.
    const conflicted = [...statuses].filter(([, seen]) => seen.includes('conflict')).map(([n]) => n);
    expect(conflicted.every((n) => [...changed].map(number).includes(n))).toBe(true);
    const records = await call('GET', `/subjects/${code}/records`, 'creditOffice', 'credit-office');
    const numbers = records.body.records.map((r: any) => r.decisionNumber).filter((n: string) => n.includes('B'));
    expect(numbers.sort()).toEqual(Array.from({ length: 60 }, (_, i) => number(i)).sort());

    const repeated = await dept('POST', '/records', { records: [penalty(code, number(100)), penalty(code, number(100)), penalty(code, number(100), { fineAmountYuan: 1 })] });
    expect(repeated.body.results.map((r: any) => r.status)).toEqual(['created', 'existing', 'conflict']);
    const history = await dept('GET', `/records/${repeated.body.results[0].recordId}?history=true`);
    expect(history.body.versions).toHaveLength(1);
  });

  it('marks a record pushed after its 7-working-day deadline as late', async () => {
    const late = await dept('POST', '/records', penalty(code, '赞市监罚〔2026〕3号', { decisionDate: addDays(today, -30) }));
    expect(late.status).toBe(201);
    expect(late.body.publication).toMatchObject({ late: true });
    expect(late.body.publication.lateByWorkingDays).toBeGreaterThan(0);
  });

  it('answers a batch per record and stores nothing of an invalid one', async () => {
    const badCode = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const batch = await dept('POST', '/records', {
      records: [penalty(code, '赞市监罚〔2026〕10号'), penalty(badCode, '赞市监罚〔2026〕11号'), { kind: 'nonsense' }, penalty(code, '赞市监罚〔2026〕12号', { fineAmountYuan: -5 })],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.counts).toEqual({ created: 1, existing: 0, conflict: 0, invalid: 3 });
    expect(batch.body.results.map((r: any) => r.status)).toEqual(['created', 'invalid', 'invalid', 'invalid']);
    expect(batch.body.results[1].error.field).toBe('body.records.1.subject.uscc');
    expect(batch.body.results[2].error.field).toMatch(/^body\.records\.2\.kind/);
    expect(batch.body.results[3].error.field).toBe('body.records.3.fineAmountYuan');
    const records = await call('GET', `/subjects/${code}/records`, 'creditOffice', 'credit-office');
    expect(records.body.records.map((r: any) => r.decisionNumber)).not.toContain('赞市监罚〔2026〕12号');
  });

  it('refuses impossible dates, missing fields, a wrong role and oversized bodies', async () => {
    const future = await dept('POST', '/records', penalty(code, 'X-1', { decisionDate: addDays(today, 2) }));
    expect([future.status, future.body.error.field]).toEqual([400, 'body.decisionDate']);
    const { facts: _facts, ...missing } = penalty(code, 'X-2');
    const noFacts = await dept('POST', '/records', missing);
    expect([noFacts.status, noFacts.body.error.field]).toEqual([400, 'body.facts']);
    const licence = await dept('POST', '/records', {
      kind: 'licence', subject: { name: '某公司', category: 'legalPerson', uscc: code }, decisionNumber: 'L-1', decisionDate: addDays(today, -1), authority, sourceDepartment: '局',
      licenceDocumentName: '许可决定书', licenceCategory: '普通', licenceContent: '内容', validFrom: addDays(today, 10), validTo: addDays(today, 5),
    });
    expect([licence.status, licence.body.error.field]).toEqual([400, 'body.validTo']);
    const asSubject = await call('POST', '/records', 'subject', code, penalty(code, 'X-3'));
    expect(asSubject.status).toBe(403);
    const huge = await dept('POST', '/records', JSON.stringify({ records: [penalty(code, 'X-4', { facts: 'x'.repeat(6 * 1024 * 1024) })] }));
    expect(huge.status).toBe(413);
  });

  it('keeps every version of a correction, refusing a stale one', async () => {
    const created = await dept('POST', '/records', penalty(code, '赞市监罚〔2026〕20号'));
    const id = created.body.recordId;
    const corrected = await dept('PUT', `/records/${id}`, { record: penalty(code, '赞市监罚〔2026〕20号', { fineAmountYuan: 5000 }), reason: '罚款金额录入错误', expectedVersion: 1 });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ version: 2, status: 'corrected', correction: { previousVersion: 1 } });
    const stale = await dept('PUT', `/records/${id}`, { record: penalty(code, '赞市监罚〔2026〕20号', { fineAmountYuan: 6000 }), reason: '再次更正', expectedVersion: 1 });
    expect([stale.status, stale.body.error.field]).toEqual([409, 'body.expectedVersion']);
    const notProvider = await dept('PUT', `/records/${id}`, { record: penalty(code, '赞市监罚〔2026〕20号'), reason: 'x', expectedVersion: 2 }, 'dept-housing');
    expect(notProvider.status).toBe(403);
    const history = await dept('GET', `/records/${id}?history=true`);
    expect(history.body.versions.map((v: any) => [v.version, v.details.fineAmountYuan])).toEqual([[1, 10000], [2, 5000]]);
  });
});

describe('resident ID numbers', () => {
  it('are masked for departments and unmasked for the person and the credit office, and never logged', async () => {
    const created = await dept('POST', '/records', {
      kind: 'penalty', subject: { name: '赵测试', category: 'naturalPerson', residentId: person }, decisionNumber: '赞市监罚〔2026〕30号', decisionDate: addDays(today, -2),
      authority, sourceDepartment: '赞皇县市场监督管理局', violationType: '无照经营', facts: '无照经营', legalBasis: '条例', penaltyCategories: ['warning'], penaltyContent: '警告',
    });
    expect(created.status).toBe(201);
    const masked = `${person.slice(0, 6)}********${person.slice(-4)}`;
    const asDepartment = await dept('GET', `/subjects/${person}/records`, undefined, 'dept-housing');
    expect(asDepartment.body.subject.id).toBe(masked);
    expect(JSON.stringify(asDepartment.body)).not.toContain(person);
    const asOwner = await call('GET', `/subjects/${person}/records`, 'subject', person);
    expect(asOwner.body.records[0].details.subject.residentId).toBe(person);
    const check = await dept('POST', '/checks', { subjectId: person, matter: { type: 'administrative-approval', reference: 'SP-1', name: '个体工商户设立' } });
    expect(check.body.subject.id).toBe(masked);
    expect(logLines.join('\n')).not.toContain(person);
  });
});

describe('POST /checks', () => {
  const [good, bad, objecting] = demoSubjects(county);

  it('shows punishments with the records they rest on for a subject on the lists (procurement)', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: bad!.uscc, matter: { type: 'procurement', reference: 'ZC-2026-001', name: '办公设备采购' } });
    expect(check.status).toBe(201);
    expect(check.body.lists).toMatchObject({ blackListed: true, dishonestDebtor: true });
    const punishments = check.body.measures.filter((m: any) => m.kind === 'punishment');
    expect(punishments.length).toBeGreaterThan(0);
    expect(punishments.every((m: any) => m.restsOn.length > 0 && m.clause && m.suspended === false)).toBe(true);
    expect(check.body.records.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['blackList', 'dishonestDebtor', 'penalty']));
  });

  it('shows incentives for a red-listed subject (administrative approval)', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-housing', { subjectId: good!.uscc, matter: { type: 'administrative-approval', reference: 'SP-2026-9', name: '施工许可' } });
    expect(check.body.measures.some((m: any) => m.kind === 'incentive')).toBe(true);
    expect(check.body.measures.some((m: any) => m.kind === 'punishment')).toBe(false);
    expect(check.body.lists.redListed).toBe(true);
  });

  it('marks a punishment resting only on records under objection as suspended, with the objection', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: objecting!.uscc, matter: { type: 'procurement', reference: 'ZC-2026-002', name: '绿化工程采购' } });
    const suspended = check.body.measures.filter((m: any) => m.suspended);
    expect(suspended.length).toBeGreaterThan(0);
    // The demo's objections are raised through POST /objections: the id names a case the credit office can open.
    const objectionId = suspended[0].suspendedBy[0];
    const objection = await call('GET', `/objections/${objectionId}`, 'creditOffice', 'credit-office');
    expect(objection.body).toMatchObject({ caseId: objectionId, caseType: 'objection', subject: { id: objecting!.uscc } });
  });

  it('answers an unknown subject with no records, logged like any check', async () => {
    const unknown = uscc('MD9999999');
    const check = await dept('POST', '/checks', { subjectId: unknown, matter: { type: 'bidding', reference: 'ZB-1', name: '道路工程招标' } });
    expect(check.status).toBe(201);
    expect(check.body).toMatchObject({ subject: { id: unknown, known: false }, records: [], measures: [] });
    const listed = await dept('GET', `/checks?from=${today}&to=${today}`);
    expect(listed.body.checks.map((c: any) => c.checkId)).toContain(check.body.checkId);
  });

  it('refuses a bad code or an unknown matter type, naming the field', async () => {
    const badCode = await dept('POST', '/checks', { subjectId: '91130129MA00000001', matter: { type: 'procurement', reference: 'a', name: 'b' } });
    expect([badCode.status, badCode.body.error.field]).toEqual([400, 'body.subjectId']);
    const badMatter = await dept('POST', '/checks', { subjectId: good!.uscc, matter: { type: 'space-travel', reference: 'a', name: 'b' } });
    expect([badMatter.status, badMatter.body.error.field]).toEqual([400, 'body.matter.type']);
  });

  it('with an Idempotency-Key, a retried check is logged once', async () => {
    const body = { subjectId: good!.uscc, matter: { type: 'awards', reference: 'PX-1', name: '评优' } };
    const first = await call('POST', '/checks', 'department', 'dept-housing', body, { 'idempotency-key': 'k-1' });
    const second = await call('POST', '/checks', 'department', 'dept-housing', body, { 'idempotency-key': 'k-1' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.checkId).toBe(first.body.checkId);
  });

  it('records the outcome only for the department that ran the check', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: bad!.uscc, matter: { type: 'procurement', reference: 'ZC-2026-003', name: '车辆采购' } });
    const measureId = check.body.measures[0].measureId;
    const outcome = { usage: '查询信用记录，供应商列入重大税收违法失信名单', appliedMeasures: [{ measureId }], decision: 'rejected' };
    // Another department's check is 404, as GET answers (issue 13 §3k).
    expect((await call('PUT', `/checks/${check.body.checkId}/outcome`, 'department', 'dept-housing', outcome)).status).toBe(404);
    const unknownMeasure = await call('PUT', `/checks/${check.body.checkId}/outcome`, 'department', 'dept-finance', { ...outcome, appliedMeasures: [{ measureId: 'no-such' }] });
    expect([unknownMeasure.status, unknownMeasure.body.error.field]).toEqual([400, 'body.appliedMeasures.0.measureId']);
    const saved = await call('PUT', `/checks/${check.body.checkId}/outcome`, 'department', 'dept-finance', outcome);
    expect(saved.status).toBe(200);
    expect(saved.body.outcome).toMatchObject({ decision: 'rejected', appliedMeasures: [{ measureId, kind: 'punishment' }] });
    expect((await call('PUT', `/checks/chk_${'x'.repeat(22)}/outcome`, 'department', 'dept-finance', outcome)).status).toBe(404);
  });
});
