/**
 * POST /objections/{id}/evidence, end to end on the local platform: the subject adds files to its open
 * objection with presigned POSTs as it announced files when raising it; the provider sees them; once the
 * objection is answered nothing more is taken (409 CASE_ALREADY_ANSWERED); another subject's objection is
 * 404; the county's limit on files counts those already held, also when two additions arrive at once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testDate } from '../support/test-date.ts';

// The handlers' INFO lines (a refusal each) would bury the output; warnings and errors still show.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const county = loadCounty('zanhuang');
const maxFiles = county.cases.maxEvidenceFiles;
let serial = 0;
/** A fresh company for each scenario. */
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}ME${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

let platform: LocalPlatform;
const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const asSubject = (code: string) => ({
  get: (path: string) => call('GET', path, 'subject', code),
  post: (path: string, body: unknown) => call('POST', path, 'subject', code, body),
});
const asDept = (orgId: string) => ({
  get: (path: string) => call('GET', path, 'department', orgId),
  post: (path: string, body: unknown) => call('POST', path, 'department', orgId, body),
});
const office = { post: (path: string, body: unknown) => call('POST', path, 'creditOffice', 'credit-office', body) };

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const file = (fileName: string, bytes = 4096) => ({ fileName, contentType: 'application/pdf', bytes });

/** A black-list entry of the company, provided by dept-tax, and an objection to it by the company. */
async function objection(code: string, number: string, evidence: unknown[] = []) {
  const pushed = await asDept('dept-tax').post('/records', {
    kind: 'blackList',
    subject: { name: `赞皇证据测试企业${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '李四' },
    decisionNumber: number,
    decisionDate: addDays(testDate, -5),
    authority: { name: '赞皇县税务局', uscc: newCompany() },
    sourceDepartment: '赞皇县税务局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件当事人名单',
    listedUntil: addDays(testDate, 700),
  });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
  const raised = await asSubject(code).post('/objections', { recordId: pushed.body.recordId, reason: '名单主体有误，另附证明', evidence });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  return raised.body.case.caseId as string;
}

/** Posts a file with its presigned form, as the browser does. */
async function upload(post: { url: string; fields: Record<string, string> }, bytes: Buffer): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'evidence.pdf');
  return (await fetch(post.url, { method: 'POST', body: form })).status;
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'objection-evidence-it');
});
afterAll(() => platform?.stop());

describe('adding evidence to an open objection', () => {
  it('the subject adds files with presigned POSTs; the provider sees them, linked once uploaded, and the history says so', async () => {
    const code = newCompany();
    const caseId = await objection(code, '赞税黑〔2026〕601号', [file('情况说明.pdf')]);

    const added = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('复议决定书.pdf'), file('缴款凭证.pdf')] });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.case.evidence.map((e: any) => e.fileName)).toEqual(['情况说明.pdf', '复议决定书.pdf', '缴款凭证.pdf']);
    expect(added.body.evidenceUploads).toHaveLength(2);
    const [first, second] = added.body.evidenceUploads as { evidenceId: string; upload: { url: string; fields: Record<string, string> } }[];
    expect(added.body.case.evidence.slice(1).map((e: any) => e.evidenceId)).toEqual([first!.evidenceId, second!.evidenceId]);

    // Only the announced size is accepted; then the first file arrives whole.
    expect(await upload(first!.upload, Buffer.alloc(5000, 1))).toBeGreaterThanOrEqual(400);
    const content = pdf('复议决定书');
    expect(await upload(first!.upload, content)).toBe(204);

    const shown = await asDept('dept-tax').get(`/objections/${caseId}`);
    expect(shown.status).toBe(200);
    const byId = new Map((shown.body.evidence as any[]).map((e) => [e.evidenceId, e]));
    expect(byId.get(first!.evidenceId)).toMatchObject({ fileName: '复议决定书.pdf', uploaded: true, url: expect.any(String) });
    expect(byId.get(second!.evidenceId)).toMatchObject({ fileName: '缴款凭证.pdf', uploaded: false });
    expect(byId.get(second!.evidenceId).url).toBeUndefined();
    expect(Buffer.from(await (await fetch(byId.get(first!.evidenceId).url)).arrayBuffer()).equals(content)).toBe(true);
    expect(shown.body.history.find((e: any) => e.event === 'evidenceAdded')).toMatchObject({ by: 'subject', note: '复议决定书.pdf、缴款凭证.pdf' });

    // The credit office may add for the subject, as it may raise the objection for it.
    const byOffice = await office.post(`/objections/${caseId}/evidence`, { evidence: [file('信用办代收材料.pdf')] });
    expect([byOffice.status, byOffice.body.case?.evidence.length]).toEqual([201, 4]);
    expect(byOffice.body.case.history.at(-1)).toMatchObject({ event: 'evidenceAdded', by: 'credit-office' });
  });

  it("is 404 for another subject's objection and for a repair, 403 for the provider, and refuses bad files naming the field", async () => {
    const code = newCompany();
    const caseId = await objection(code, '赞税黑〔2026〕602号');
    const other = await asSubject(newCompany()).post(`/objections/${caseId}/evidence`, { evidence: [file('越权.pdf')] });
    expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const provider = await asDept('dept-tax').post(`/objections/${caseId}/evidence`, { evidence: [file('部门材料.pdf')] });
    expect(provider.status).toBe(403);

    const none = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [] });
    expect([none.status, none.body.error.field]).toEqual([400, 'body.evidence']);
    const tooBig = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('扫描件.pdf', county.cases.maxEvidenceBytes + 1)] });
    expect([tooBig.status, tooBig.body.error.field]).toEqual([400, 'body.evidence.0.bytes']);
    const badType = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [{ fileName: 'a.exe', contentType: 'application/x-msdownload', bytes: 10 }] });
    expect([badType.status, badType.body.error.field]).toEqual([400, 'body.evidence.0.contentType']);
    // Nothing of these was added.
    expect((await asSubject(code).get(`/objections/${caseId}`)).body.evidence).toEqual([]);

    // A repair application is not an objection: not found under this route.
    const repairRecord = await asDept('dept-tax').post('/records', {
      kind: 'penalty',
      subject: { name: `赞皇证据测试企业${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '李四' },
      decisionNumber: '赞税罚〔2025〕603号',
      decisionDate: addDays(testDate, -200),
      authority: { name: '赞皇县税务局', uscc: newCompany() },
      sourceDepartment: '赞皇县税务局',
      violationType: '虚假纳税申报',
      facts: '少报应税收入',
      legalBasis: '《中华人民共和国税收征收管理法》第六十三条',
      penaltyCategories: ['fine'],
      penaltyContent: '罚款人民币一万元',
      fineAmountYuan: 10000,
    });
    const repair = await asSubject(code).post('/repairs', { recordId: repairRecord.body.recordId, reason: '已整改', commitment: '诚信经营', correctiveActions: '已缴清罚款' });
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
    const onRepair = await asSubject(code).post(`/objections/${repair.body.case.caseId}/evidence`, { evidence: [file('a.pdf')] });
    expect([onRepair.status, onRepair.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it("counts the files already held against the county's limit, also for two additions at once", async () => {
    const code = newCompany();
    const caseId = await objection(code, '赞税黑〔2026〕604号', Array.from({ length: maxFiles - 2 }, (_, i) => file(`材料${i + 1}.pdf`)));
    const past = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('甲.pdf'), file('乙.pdf'), file('丙.pdf')] });
    expect([past.status, past.body.error.field]).toEqual([400, 'body.evidence']);
    expect(past.body.error.message).toContain(`at most ${maxFiles}`);

    const one = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('甲.pdf')] });
    expect(one.status).toBe(201);
    // Room for one more: of two additions at once, one is taken.
    const both = await Promise.all([asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('乙.pdf')] }), asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('丙.pdf')] })]);
    expect(both.map((a) => a.status).sort()).toEqual([201, 400]);
    expect((await asSubject(code).get(`/objections/${caseId}`)).body.evidence).toHaveLength(maxFiles);
  });

  it('once the objection is answered, evidence is refused with 409 CASE_ALREADY_ANSWERED and nothing is added', async () => {
    const code = newCompany();
    const caseId = await objection(code, '赞税黑〔2026〕605号', [file('情况说明.pdf')]);
    await until(`objection ${caseId} to be opened`, async () => ((await asSubject(code).get(`/objections/${caseId}`)).body.answerBy ? true : undefined), 20_000);
    const answered = await asDept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '经核查，名单信息无误' });
    expect(answered.status).toBe(202);

    const late = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('补充材料.pdf')] });
    expect([late.status, late.body.error.code]).toEqual([409, 'CASE_ALREADY_ANSWERED']);
    // Still refused once it is closed.
    await until(`objection ${caseId} to be closed`, async () => ((await asSubject(code).get(`/objections/${caseId}`)).body.state === 'closed' ? true : undefined), 20_000);
    const closed = await asSubject(code).post(`/objections/${caseId}/evidence`, { evidence: [file('补充材料.pdf')] });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'CASE_ALREADY_ANSWERED']);
    const shown = (await asSubject(code).get(`/objections/${caseId}`)).body;
    expect(shown.evidence.map((e: any) => e.fileName)).toEqual(['情况说明.pdf']);
    expect(shown.history.map((e: any) => e.event)).not.toContain('evidenceAdded');
  });
});
