/**
 * Objections and credit repair, end to end on the local platform: the real handlers, DynamoDB Local, the
 * S3 emulator, and the verification state machine as CDK synthesises it, run by the local Step Functions.
 * Time is advanced on the platform clock, never slept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { keys } from '../../shared/storage/keys.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const county = loadCounty('zanhuang');
const today = testDate;
let serial = 0;
/** A fresh company for each scenario, so that scenarios do not see each other's records. */
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}MD${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const authority = { name: '赞皇县税务局', uscc: newCompany() };

let platform: LocalPlatform;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const subject = (code: string) => ({
  get: (path: string) => call('GET', path, 'subject', code),
  post: (path: string, body: unknown) => call('POST', path, 'subject', code, body),
});
const dept = (orgId: string) => ({
  get: (path: string) => call('GET', path, 'department', orgId),
  post: (path: string, body: unknown) => call('POST', path, 'department', orgId, body),
  put: (path: string, body: unknown) => call('PUT', path, 'department', orgId, body),
});
const office = {
  get: (path: string) => call('GET', path, 'creditOffice', 'credit-office'),
  post: (path: string, body: unknown) => call('POST', path, 'creditOffice', 'credit-office', body),
};

const common = (code: string, number: string, daysAgo: number) => ({
  subject: { name: `赞皇测试企业${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '李四' },
  decisionNumber: number,
  decisionDate: addDays(today, -daysAgo),
  authority,
  sourceDepartment: '赞皇县税务局',
});
const blackList = (code: string, number: string) => ({
  kind: 'blackList',
  ...common(code, number, 5),
  listName: 'major-tax-violation',
  listingBasis: '重大税收违法失信案件当事人名单',
  listedUntil: addDays(today, 700),
});
const debtor = (code: string, number: string) => ({
  kind: 'dishonestDebtor',
  ...common(code, number, 5),
  court: '赞皇县人民法院',
  caseNumber: number,
  obligation: '支付货款人民币五十万元',
  performanceStatus: 'unperformed',
});
const penalty = (code: string, number: string, daysAgo: number) => ({
  kind: 'penalty',
  ...common(code, number, daysAgo),
  violationType: '虚假纳税申报',
  facts: '少报应税收入',
  legalBasis: '《中华人民共和国税收征收管理法》第六十三条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
});

async function push(by: string, record: unknown): Promise<string> {
  const answer = await dept(by).post('/records', record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId;
}
async function check(by: string, code: string, reference: string) {
  const answer = await dept(by).post('/checks', { subjectId: code, matter: { type: 'procurement', reference, name: `政府采购项目 ${reference}` } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}
const refusalIn = (receipt: any) => receipt.measures.find((m: any) => m.measureId === 'procurement-refusal');

async function waitForState(path: string, state: string, as = office) {
  return until(`${path} to be ${state}`, async () => {
    const c = await as.get(path);
    return c.body.state === state ? c.body : undefined;
  });
}
/** The task token the workflow keeps with the case (tests read the table; the API never shows it). */
const tokenOf = async (caseId: string) => {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
  const { Item } = await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId), ConsistentRead: true }));
  return Item?.taskToken as string | undefined;
};
/** Waits until AwaitAnswer waits for the provider with a token other than `previous`: the workflow is settled. */
async function waitingForAnswer(path: string, previous?: string) {
  const caseId = path.split('/').pop()!;
  await until(`${path} to wait for the provider`, async () => {
    const token = await tokenOf(caseId);
    return token && token !== previous ? token : undefined;
  });
  return (await office.get(path)).body;
}

const notices = (kind: string, about?: (a: string) => boolean) => sentNotices(platform).filter((n) => n.kind === kind && (!about || about(n.about)));

beforeAll(async () => {
  platform = await startTestPlatform(county, 'objections-it');
});
afterAll(() => platform?.stop());

describe('an objection suspends the punishments resting on the record while the provider verifies', () => {
  it('upheld: suspended from the moment it is accepted, in force again after; incentives and other records unaffected', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕101号'));
    const before = await check('dept-finance', code, 'CG-101-A');
    expect(refusalIn(before)).toMatchObject({ suspended: false });

    const raised = await subject(code).post('/objections', { recordId, reason: '该案已经复议撤销，名单信息有误' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ existing: false, case: { caseType: 'objection', state: 'verifying', record: { recordId }, providerOrgId: 'dept-tax' } });
    const caseId = raised.body.case.caseId;

    // At once: the next check shows the punishment suspended, with the objection id.
    const during = await check('dept-finance', code, 'CG-101-B');
    expect(refusalIn(during)).toMatchObject({ suspended: true, suspendedBy: [caseId], restsOn: [{ recordId, status: 'underObjection', objectionId: caseId }] });

    const opened = await waitingForAnswer(`/objections/${caseId}`);
    // 20 working days from the day the provider is told (Civil Code Art. 201: that day not counted).
    expect(opened.answerBy > addDays(today, 20)).toBe(true);
    expect(opened.answerBy < addDays(today, 45)).toBe(true);
    expect(notices('case-opened', (a) => a === caseId)).toEqual([expect.objectContaining({ addressee: 'dept-tax', text: expect.stringContaining(opened.answerBy) })]);

    const answer = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '经核查，名单信息与税务处理决定一致' });
    expect(answer.status).toBe(202);
    const closed = await waitForState(`/objections/${caseId}`, 'closed');
    expect(closed).toMatchObject({ answer: { outcome: 'upheld', answeredBy: 'dept-tax' }, applied: { outcome: 'upheld', recordStatus: 'active', recordVersion: 1 } });
    expect(closed.history.map((e: any) => e.event)).toEqual(['raised', 'opened', 'answered', 'applied', 'subjectTold']);

    const after = await check('dept-finance', code, 'CG-101-C');
    expect(refusalIn(after)).toMatchObject({ suspended: false, restsOn: [{ recordId, status: 'active' }] });
    expect(notices('case-decided', (a) => a === caseId)).toEqual([expect.objectContaining({ addressee: code, title: expect.stringContaining('维持原记录') })]);
    // Upheld: nothing to correct with the departments that checked.
    expect(notices('record-correction', (a) => a.endsWith(`#${caseId}`))).toEqual([]);

    // The subject, the provider and the credit office see the case; another department and the public do not.
    expect((await subject(code).get(`/objections/${caseId}`)).status).toBe(200);
    expect((await dept('dept-tax').get(`/objections/${caseId}`)).status).toBe(200);
    expect((await dept('dept-finance').get(`/objections/${caseId}`)).status).toBe(404);
    expect((await subject(newCompany()).get(`/objections/${caseId}`)).status).toBe(404);
  });

  it("a court's dishonest-debtor entry keeps its punishment during the objection, and the check says why", async () => {
    const code = newCompany();
    const recordId = await push('dept-court', debtor(code, '（2026）冀0129执901号'));
    const raised = await subject(code).post('/objections', { recordId, reason: '已履行完毕' });
    expect(raised.status).toBe(201);
    const refusal = refusalIn(await check('dept-finance', code, 'CG-901'));
    expect(refusal.suspended).toBe(false);
    expect(refusal.inForceDespiteObjection).toEqual([
      { recordId, objectionId: raised.body.case.caseId, reason: expect.stringContaining('不停止原决定的执行'), clause: expect.stringContaining('法释〔2017〕7号') },
    ]);
  });

  it('two objections at once start one case and one execution; a third while it is open answers with it', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕102号'));
    const [a, b] = await Promise.all([
      subject(code).post('/objections', { recordId, reason: '第一份异议' }),
      office.post('/objections', { recordId, reason: '信用办代为提出的异议' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.case.caseId).toBe(b.body.case.caseId);
    const caseId = a.body.case.caseId;
    const third = await subject(code).post('/objections', { recordId, reason: '再次提出' });
    expect([third.status, third.body.existing, third.body.case.caseId]).toEqual([200, true, caseId]);

    const sfn = new SFNClient({ endpoint: platform.endpoints.stepfunctions, region: process.env.AWS_REGION, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: platform.names.workflowArns.verification }));
    expect(executions.executions!.filter((e) => e.name === caseId)).toHaveLength(1);
    expect(executions.executions!.filter((e) => e.name?.startsWith('obj_') && e.name !== caseId && e.name.length !== caseId.length)).toEqual([]);
    sfn.destroy();
    // A repair cannot be asked for while the objection is open.
    const repair = await subject(code).post('/repairs', { recordId, reason: 'r', commitment: 'c', correctiveActions: 'a' });
    expect([repair.status, repair.body.error.code]).toEqual([409, 'CASE_OPEN']);
  });
});

describe('corrections and revocations reach every department that relied on the wrong data', () => {
  it('corrected: a new version, the suspension lifted, and a correction notice on each check that showed the old one', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕103号'));
    const first = await check('dept-finance', code, 'CG-103-A');
    const second = await check('dept-housing', code, 'CG-103-B');
    const raised = await subject(code).post('/objections', { recordId, reason: '名单期限有误' });
    const caseId = raised.body.case.caseId;
    const during = await check('dept-housing', code, 'CG-103-C');
    await waitingForAnswer(`/objections/${caseId}`);

    const bad = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'corrected', reasoning: '期限更正', correctedFields: { listedUntil: 'next year' } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'body.correctedFields.listedUntil']);
    const fixedIdentity = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'corrected', reasoning: '改号', correctedFields: { decisionNumber: 'x' } });
    expect([fixedIdentity.status, fixedIdentity.body.error.field]).toEqual([400, 'body.correctedFields.decisionNumber']);
    const missing = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'corrected', reasoning: '更正' });
    expect([missing.status, missing.body.error.field]).toEqual([400, 'body.correctedFields']);
    const otherDept = await dept('dept-finance').post(`/objections/${caseId}/verification`, { outcome: 'revoked', reasoning: '不是我的记录' });
    // Not the provider: 404, as for a case that does not exist, naming no provider (issue 13 §3k).
    expect([otherDept.status, otherDept.body.error.code]).toEqual([404, 'NOT_FOUND']);
    // The department cannot bypass the case with a direct correction.
    const direct = await dept('dept-tax').put(`/records/${recordId}`, { record: blackList(code, '赞税黑〔2026〕103号'), reason: '直接更正', expectedVersion: 1 });
    expect([direct.status, direct.body.error.code]).toEqual([409, 'CASE_OPEN']);

    const listedUntil = addDays(today, 200);
    const answer = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'corrected', reasoning: '名单期限应为两百天', correctedFields: { listedUntil } });
    expect(answer.status).toBe(202);
    const again = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '改主意了' });
    expect([again.status, again.body.error.code]).toEqual([409, 'CASE_ALREADY_ANSWERED']);

    const closed = await waitForState(`/objections/${caseId}`, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'corrected', recordVersion: 2, recordStatus: 'corrected' });
    const record = await subject(code).get(`/records/${recordId}?history=true`);
    expect(record.body.record).toMatchObject({ version: 2, status: 'corrected', details: { listedUntil }, correction: { previousVersion: 1 } });
    expect(record.body.versions).toHaveLength(2);

    // Corrected data is still data: the punishment applies again, on version 2.
    const after = await check('dept-finance', code, 'CG-103-D');
    expect(refusalIn(after)).toMatchObject({ suspended: false, restsOn: [{ recordId, status: 'corrected' }] });

    // Each check that showed version 1 (before and during the objection) got one notice naming it and its matter.
    const told = notices('record-correction', (a) => a.endsWith(`#${caseId}`));
    expect(told.map((n) => n.about).sort()).toEqual([first.checkId, second.checkId, during.checkId].map((id) => `${id}#${caseId}`).sort());
    const toHousing = told.find((n) => n.about.startsWith(second.checkId));
    expect(toHousing).toMatchObject({ addressee: 'dept-housing' });
    expect(toHousing.text).toContain('CG-103-B');
    const shown = await dept('dept-housing').get(`/checks/${second.checkId}`);
    expect(shown.body.corrections).toEqual([expect.objectContaining({ caseId, recordId, outcome: 'corrected', currentVersion: 2 })]);
    const later = await dept('dept-finance').get(`/checks/${after.checkId}`);
    expect(later.body.corrections ?? []).toEqual([]);
  });

  it('revoked (raised by the credit office for the subject): the record leaves checks and publicity; the checks that saw it are told', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕104号'));
    const saw = await check('dept-finance', code, 'CG-104-A');
    const raised = await office.post('/objections', { recordId, reason: '当事人来电反映：名单主体错误' });
    expect(raised.status).toBe(201);
    const caseId = raised.body.case.caseId;
    await waitingForAnswer(`/objections/${caseId}`);
    expect((await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'revoked', reasoning: '主体认定错误，予以撤销' })).status).toBe(202);
    await waitForState(`/objections/${caseId}`, 'closed');

    const after = await check('dept-finance', code, 'CG-104-B');
    expect(refusalIn(after)).toBeUndefined();
    expect(after.records.map((r: any) => r.recordId)).not.toContain(recordId);
    expect((await call('GET', `/records/${recordId}`, 'agency', 'agency-any')).status).toBe(404);
    expect(notices('record-correction', (a) => a === `${saw.checkId}#${caseId}`)).toEqual([expect.objectContaining({ addressee: 'dept-finance' })]);

    // Nothing left to object to.
    const late = await subject(code).post('/objections', { recordId, reason: '再议' });
    expect([late.status, late.body.error.code]).toEqual([409, 'RECORD_REVOKED']);
    const answeredAgain = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '执行已结束' });
    expect([answeredAgain.status, answeredAgain.body.error.code]).toEqual([409, 'CASE_ALREADY_ANSWERED']);
  });
});

describe('bad input', () => {
  it('refuses objections on records that do not exist or are not the caller’s, and bad evidence, storing nothing', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕105号'));
    const missing = await subject(code).post('/objections', { recordId: 'rec_AAAAAAAAAAAAAAAAAAAAAA', reason: 'x' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const notMine = await subject(newCompany()).post('/objections', { recordId, reason: 'x' });
    expect([notMine.status, notMine.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const noReason = await subject(code).post('/objections', { recordId, reason: '' });
    expect([noReason.status, noReason.body.error.field]).toEqual([400, 'body.reason']);
    const tooBig = await subject(code).post('/objections', { recordId, reason: 'x', evidence: [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: 10 ** 9 }] });
    expect([tooBig.status, tooBig.body.error.field]).toEqual([400, 'body.evidence.0.bytes']);
    const badType = await subject(code).post('/objections', { recordId, reason: 'x', evidence: [{ fileName: 'a.exe', contentType: 'application/x-msdownload', bytes: 10 }] });
    expect([badType.status, badType.body.error.field]).toEqual([400, 'body.evidence.0.contentType']);
    const byDepartment = await dept('dept-tax').post('/objections', { recordId, reason: 'x' });
    expect(byDepartment.status).toBe(403);
    // Nothing was stored: the record is not under objection.
    expect(refusalIn(await check('dept-finance', code, 'CG-105'))).toMatchObject({ suspended: false });
    expect((await subject(code).get('/objections')).body.cases).toEqual([]);
  });
});

describe('evidence', () => {
  it('is posted straight to S3 with the presigned form, and the case shows it with a link', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕106号'));
    const pdf = Buffer.from('%PDF-1.4\n% evidence\n%%EOF\n');
    const raised = await subject(code).post('/objections', { recordId, reason: '附复议决定书', evidence: [{ fileName: '复议决定书.pdf', contentType: 'application/pdf', bytes: pdf.length }] });
    expect(raised.status).toBe(201);
    const [{ evidenceId, upload }] = raised.body.evidenceUploads;
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'evidence.pdf');
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);

    const shown = await dept('dept-tax').get(`/objections/${raised.body.case.caseId}`);
    expect(shown.body.evidence).toEqual([expect.objectContaining({ evidenceId, fileName: '复议决定书.pdf', uploaded: true, url: expect.any(String) })]);
    const file = await fetch(shown.body.evidence[0].url);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });
});

describe('credit repair', () => {
  const repairBody = (recordId: string) => ({
    recordId,
    reason: '罚款已缴清，违法行为已整改',
    commitment: '本单位承诺今后依法诚信纳税，如有违反自愿接受惩戒',
    correctiveActions: '已补缴税款、滞纳金及罚款',
  });

  it('approved: the record leaves publicity and shows repaired; departments that checked are told', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', penalty(code, '赞税罚〔2025〕201号', 200));
    const saw = await check('dept-finance', code, 'CG-201');
    const requested = await subject(code).post('/repairs', repairBody(recordId));
    expect(requested.status).toBe(201);
    const caseId = requested.body.case.caseId;
    expect(caseId).toMatch(/^rep_/);
    await waitingForAnswer(`/repairs/${caseId}`);
    // The repair suspends nothing while it is decided.
    expect((await subject(code).get(`/records/${recordId}`)).body.record.status).toBe('active');
    expect((await dept('dept-tax').post(`/repairs/${caseId}/decision`, { outcome: 'approved', reasoning: '已纠正失信行为并作出信用承诺，同意修复' })).status).toBe(202);
    const closed = await waitForState(`/repairs/${caseId}`, 'closed', subject(code) as never);
    expect(closed.applied).toMatchObject({ outcome: 'approved', recordStatus: 'repaired' });
    expect((await subject(code).get(`/records/${recordId}`)).body.record.status).toBe('repaired');
    expect((await call('GET', `/records/${recordId}`, 'agency', 'agency-any')).status).toBe(404);
    const receipt = await check('dept-housing', code, 'CG-201-B');
    expect(receipt.records.find((r: any) => r.recordId === recordId)?.status ?? 'not shown').not.toBe('active');
    expect(notices('record-correction', (a) => a === `${saw.checkId}#${caseId}`)).toEqual([expect.objectContaining({ addressee: 'dept-finance', text: expect.stringContaining('信用修复') })]);
    expect((await dept('dept-finance').get(`/checks/${saw.checkId}`)).body.corrections).toEqual([expect.objectContaining({ caseId, outcome: 'repaired' })]);
  });

  it('refused: the record stays as it was, the subject is told why', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', penalty(code, '赞税罚〔2025〕202号', 200));
    const requested = await subject(code).post('/repairs', repairBody(recordId));
    const caseId = requested.body.case.caseId;
    await waitingForAnswer(`/repairs/${caseId}`);
    const wrongOutcome = await dept('dept-tax').post(`/repairs/${caseId}/decision`, { outcome: 'upheld', reasoning: 'x' });
    expect([wrongOutcome.status, wrongOutcome.body.error.field]).toEqual([400, 'body.outcome']);
    expect((await dept('dept-tax').post(`/repairs/${caseId}/decision`, { outcome: 'refused', reasoning: '罚款尚未缴清，不符合修复条件' })).status).toBe(202);
    const closed = await waitForState(`/repairs/${caseId}`, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'refused', recordStatus: 'active' });
    expect((await subject(code).get(`/records/${recordId}`)).body.record.status).toBe('active');
    expect(notices('case-decided', (a) => a === caseId)).toEqual([expect.objectContaining({ text: expect.stringContaining('罚款尚未缴清') })]);
    // Listed for the subject and the provider.
    expect((await subject(code).get('/repairs')).body.cases.map((c: any) => c.caseId)).toEqual([caseId]);
    expect((await dept('dept-tax').get('/repairs')).body.cases.map((c: any) => c.caseId)).toContain(caseId);
  });

  it('is refused before the repair date, and for records it does not apply to', async () => {
    const code = newCompany();
    const recent = await push('dept-tax', penalty(code, '赞税罚〔2026〕203号', 3));
    const early = await subject(code).post('/repairs', repairBody(recent));
    expect([early.status, early.body.error.code]).toEqual([409, 'REPAIR_NOT_YET_ELIGIBLE']);
    expect(early.body.error.message).toMatch(/from \d{4}-\d{2}-\d{2}/);
    // A tax black-list entry is repairable (order 36), but only a year after its listing (list-repairs.test.ts); a court's list is not.
    const listed = await push('dept-tax', blackList(code, '赞税黑〔2026〕204号'));
    const listedEarly = await subject(code).post('/repairs', repairBody(listed));
    expect([listedEarly.status, listedEarly.body.error.code]).toEqual([409, 'REPAIR_NOT_YET_ELIGIBLE']);
    const courtListed = await push('dept-court', debtor(code, '（2026）冀0129执204号'));
    const notApplicable = await subject(code).post('/repairs', repairBody(courtListed));
    expect([notApplicable.status, notApplicable.body.error.code]).toEqual([409, 'REPAIR_NOT_APPLICABLE']);
  });
});

describe('faults', () => {
  it('a task failing transiently is retried and the case goes on', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕301号'));
    platform.faults.failNext('open-case', 2);
    const raised = await subject(code).post('/objections', { recordId, reason: '暂时性故障测试' });
    const opened = await waitingForAnswer(`/objections/${raised.body.case.caseId}`);
    expect(opened.state).toBe('verifying');
  });

  it('a task that keeps failing leaves the case visible as stuck, its suspension kept, and the credit office told', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕302号'));
    const raised = await subject(code).post('/objections', { recordId, reason: '持续故障测试' });
    const caseId = raised.body.case.caseId;
    await waitingForAnswer(`/objections/${caseId}`);
    platform.faults.failNext('apply-case-outcome', 10);
    expect((await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'revoked', reasoning: '撤销' })).status).toBe(202);
    const stuck = await waitForState(`/objections/${caseId}`, 'stuck');
    platform.faults.clear();
    expect(stuck.stuck).toMatchObject({ error: 'TransientFault' });
    expect(refusalIn(await check('dept-finance', code, 'CG-302'))).toMatchObject({ suspended: true, suspendedBy: [caseId] });
    expect(notices('case-stuck', (a) => a === caseId)).toHaveLength(1);
    const answer = await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '再答' });
    expect([answer.status, answer.body.error.code]).toEqual([409, 'CASE_STUCK']);

    // Once the fault is mended, the credit office restarts it: the stored answer is applied.
    expect((await dept('dept-tax').post(`/cases/${caseId}/restart`, {})).status).toBe(403);
    const restarted = await office.post(`/cases/${caseId}/restart`, {});
    expect([restarted.status, restarted.body.state]).toEqual([202, 'answered']);
    const closed = await waitForState(`/objections/${caseId}`, 'closed');
    expect(closed.applied).toMatchObject({ outcome: 'revoked', recordStatus: 'revoked' });
    expect(closed.history.map((e: any) => e.event)).toEqual(expect.arrayContaining(['stuck', 'restarted', 'applied', 'subjectTold']));
    const again = await office.post(`/cases/${caseId}/restart`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'CASE_NOT_STUCK']);
  });
});

// Last: it moves the platform clock forward for everything after it.
describe('time: reminders, then overdue, then escalation, without sleeping', () => {
  it('an unanswered objection is reported overdue to the credit office once; the suspension stays until the late answer', async () => {
    const code = newCompany();
    const recordId = await push('dept-tax', blackList(code, '赞税黑〔2026〕401号'));
    const raised = await subject(code).post('/objections', { recordId, reason: '逾期测试' });
    const caseId = raised.body.case.caseId;
    const opened = await waitingForAnswer(`/objections/${caseId}`);
    const answerBy: string = opened.answerBy;

    // To the first reminder day (5 working days before the answer day), then past the answer day.
    const reminderDay = addDays(answerBy, -7);
    const firstWait = await tokenOf(caseId);
    await platform.clock.set(`${reminderDay}T10:00:00+08:00`);
    await until('a reminder', async () => (notices('case-reminder', (a) => a.startsWith(caseId)).length > 0 ? true : undefined));
    expect(notices('verification-overdue', (a) => a === caseId)).toEqual([]);
    // Before moving time again, let the workflow plan its next wait (on AWS, time does not jump).
    await waitingForAnswer(`/objections/${caseId}`, firstWait);

    const tokenBefore = await tokenOf(caseId);
    await platform.clock.set(`${addDays(answerBy, 1)}T08:00:00+08:00`);
    const overdue = await waitForState(`/objections/${caseId}`, 'overdue');
    expect(overdue.history.map((e: any) => e.event)).toContain('overdue');
    expect(notices('verification-overdue', (a) => a === caseId)).toEqual([
      expect.objectContaining({ addressee: 'creditOffice', text: expect.stringContaining(answerBy) }),
    ]);
    // The credit office sees it among the open cases, earliest answer day first.
    expect((await office.get('/objections?state=overdue')).body.cases.map((c: any) => c.caseId)).toContain(caseId);
    // Still suspended: only the provider's answer lifts it.
    expect(refusalIn(await check('dept-finance', code, 'CG-401'))).toMatchObject({ suspended: true, suspendedBy: [caseId] });

    await waitingForAnswer(`/objections/${caseId}`, tokenBefore);
    await platform.clock.advance(10 * 24 * 3600 * 1000);
    await until('an escalation', async () => (notices('case-escalation', (a) => a.startsWith(caseId)).length > 0 ? true : undefined));
    expect(notices('verification-overdue', (a) => a === caseId)).toHaveLength(1);

    expect((await dept('dept-tax').post(`/objections/${caseId}/verification`, { outcome: 'upheld', reasoning: '逾期答复：信息无误' })).status).toBe(202);
    await waitForState(`/objections/${caseId}`, 'closed');
    expect(refusalIn(await check('dept-finance', code, 'CG-401-B'))).toMatchObject({ suspended: false });
  });
});
