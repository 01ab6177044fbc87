/**
 * Matter lists (事项清单, issue 17 §1): a department files its list in versions, the credit office returns one
 * with a comment and approves the next; the approved version is in force and a check names its item: the item's
 * matter type, the measures it names among those selected, and "report required" while no valid report is shown,
 * satisfied once an agency's report is accepted; the outcome explains offered measures not applied. With the
 * refusals, each naming its field, and who may read whose list. Against the local platform; dates from its clock.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const county = loadCounty('jiaxian');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const listed = uscc('MA5MLT001');
const clean = uscc('MA5MLT002');
const authority = { name: '郏县财政局', uscc: uscc('MB0000009') };

let platform: LocalPlatform;
let today: string;
const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers: Record<string, string> = {}) => callApi(platform, method, path, role, orgId, body, headers);
const finance = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => call(method, path, 'department', 'dept-finance', body, headers);
const office = (method: string, path: string, body?: unknown) => call(method, path, 'creditOffice', 'credit-office', body);

const item = (itemId: string, fields: Record<string, unknown> = {}) => ({
  itemId,
  matterType: 'procurement',
  name: '政府采购供应商资格审查',
  legalBasis: '《中华人民共和国政府采购法》第二十二条',
  checkRequired: true,
  reportRequired: true,
  measures: [],
  ...fields,
});
const firstItems = [item('CZ-CG-01'), item('CZ-ZJ-02', { matterType: 'fund-support', name: '财政专项资金扶持审核', reportRequired: false, measures: ['good-credit-facilitation'] })];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'matter-lists-it');
  today = localDate(platform.clock.now(), county.timeZone);
  for (const [orgId, name] of [['dept-finance', '郏县财政局'], ['dept-tax', '郏县税务局']]) expect((await office('POST', '/departments', { orgId, name })).status).toBe(201);
  const black = await call('POST', '/records', 'department', 'dept-tax', {
    kind: 'blackList',
    subject: { name: '郏县清单测试有限公司', category: 'legalPerson', uscc: listed, legalRepresentative: '王五' },
    decisionNumber: '郏税黑〔2026〕901号',
    decisionDate: addDays(today, -5),
    authority: { name: '郏县税务局', uscc: uscc('MB0000010') },
    sourceDepartment: '郏县税务局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件当事人名单',
    listedUntil: addDays(today, 700),
  });
  expect(black.status, JSON.stringify(black.body)).toBe(201);
}, 180_000);
afterAll(() => platform?.stop());

describe('a department files its matter list; the credit office returns it, then approves the next version', () => {
  it('before any version: state none; a check naming an item is refused on body.matter.listItem', async () => {
    expect((await finance('GET', '/matter-lists')).body.lists).toEqual([{ orgId: 'dept-finance', name: '郏县财政局', state: 'none' }]);
    const check = await finance('POST', '/checks', { subjectId: clean, matter: { type: 'procurement', reference: 'CG-0', name: '采购', listItem: 'CZ-CG-01' } });
    expect(check.status).toBe(400);
    expect(check.body.error).toMatchObject({ code: 'LIST_ITEM_NOT_IN_FORCE', field: 'body.matter.listItem' });
  });

  it('refuses a duplicate item code, an unknown matter type and an unknown measure, naming the field', async () => {
    const twice = await finance('POST', '/matter-lists', { items: [item('A-1'), item('A-1')] });
    expect(twice.status).toBe(400);
    expect(twice.body.error).toMatchObject({ code: 'DUPLICATE_LIST_ITEM', field: 'body.items.1.itemId' });
    const type = await finance('POST', '/matter-lists', { items: [item('A-1'), item('A-2'), item('A-3'), item('A-4', { matterType: 'lottery' })] });
    expect(type.status).toBe(400);
    expect(type.body.error.field).toBe('body.items.3.matterType');
    expect(type.body.error.message).toContain('body.items.3.matterType');
    const measure = await finance('POST', '/matter-lists', { items: [item('A-1', { measures: ['no-such-measure'] })] });
    expect(measure.body.error.field).toBe('body.items.0.measures.0');
    const blank = await finance('POST', '/matter-lists', { items: [item('A-1', { legalBasis: '' })] });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('body.items.0.legalBasis');
  });

  it('submits version 1 (Idempotency-Key honoured); a second version waits for the review (409 MATTER_LIST_PENDING)', async () => {
    const body = { items: firstItems, comment: '首次报送' };
    const first = await finance('POST', '/matter-lists', body, { 'idempotency-key': 'ml-v1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ orgId: 'dept-finance', version: 1, state: 'submitted', items: firstItems });
    expect(first.body.comments).toEqual([expect.objectContaining({ role: 'department', orgId: 'dept-finance', kind: 'submission', text: '首次报送' })]);
    const again = await finance('POST', '/matter-lists', body, { 'idempotency-key': 'ml-v1' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const otherBody = await finance('POST', '/matter-lists', { items: [item('X-1')] }, { 'idempotency-key': 'ml-v1' });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.field).toBe('headers.idempotency-key');
    const pending = await finance('POST', '/matter-lists', { items: [item('X-1')] });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe('MATTER_LIST_PENDING');
  });

  it('the credit office sees every department’s state; returning needs a comment; a department comments back', async () => {
    const states = (await office('GET', '/matter-lists')).body.lists;
    expect(states).toEqual(
      expect.arrayContaining([
        { orgId: 'dept-finance', name: '郏县财政局', state: 'submitted', latestVersion: 1, pendingVersion: 1 },
        { orgId: 'dept-tax', name: '郏县税务局', state: 'none' },
      ]),
    );
    const noComment = await office('POST', '/matter-lists/dept-finance/versions/1/review', { decision: 'return' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.field).toBe('body.comment');
    const returned = await office('POST', '/matter-lists/dept-finance/versions/1/review', { decision: 'return', comment: '请补充资金扶持事项的设定依据文号' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', reviewedBy: expect.any(String) });
    expect(returned.body.comments.at(-1)).toMatchObject({ role: 'creditOffice', kind: 'review', decision: 'return', text: '请补充资金扶持事项的设定依据文号' });
    const twice = await office('POST', '/matter-lists/dept-finance/versions/1/review', { decision: 'approve' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('MATTER_LIST_NOT_PENDING');
    const comment = await finance('POST', '/matter-lists/dept-finance/versions/1/comments', { text: '已补充，随第 2 版报送' });
    expect(comment.status).toBe(200);
    expect(comment.body.comments.at(-1)).toMatchObject({ role: 'department', kind: 'comment', text: '已补充，随第 2 版报送', at: expect.any(String), author: expect.any(String) });
    expect((await finance('GET', '/matter-lists')).body.lists[0]).toMatchObject({ state: 'returned', latestVersion: 1 });
  });

  it('resubmits; the office approves: version 2 is in force', async () => {
    const items = [firstItems[0], { ...firstItems[1], legalBasis: '郏县财政专项资金管理办法第十条' }];
    const second = await finance('POST', '/matter-lists', { items });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    const approved = await office('POST', '/matter-lists/dept-finance/versions/2/review', { decision: 'approve', comment: '同意备案' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    const mine = await finance('GET', '/matter-lists/dept-finance');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ state: 'approved', inForceVersion: 2, firstApprovedOn: today, latestVersion: 2 });
    expect(mine.body.versions.map((v: any) => [v.version, v.state])).toEqual([
      [2, 'approved'],
      [1, 'returned'],
    ]);
  });

  it('who reads whose list: a department its own only; subjects and the public not at all', async () => {
    expect((await call('GET', '/matter-lists/dept-finance', 'department', 'dept-tax')).status).toBe(404);
    expect((await call('GET', '/matter-lists?department=dept-finance', 'department', 'dept-tax')).status).toBe(403);
    expect((await call('POST', '/matter-lists/dept-finance/versions/1/comments', 'department', 'dept-tax', { text: '越权' })).status).toBe(404);
    expect((await call('POST', '/matter-lists/dept-finance/versions/2/review', 'department', 'dept-finance', { decision: 'approve' })).status).toBe(403);
    expect((await call('GET', '/matter-lists', 'subject', listed)).status).toBe(403);
    expect((await callApi(platform, 'GET', '/matter-lists/dept-finance')).status).toBe(401);
    expect((await office('GET', '/matter-lists/dept-finance')).body.versions).toHaveLength(2);
  });
});

describe('a check names the list item it serves', () => {
  let checkId: string;

  it('the item’s matter type is the check’s (400 LIST_ITEM_MATTER_TYPE on body.matter.type); an item not in the list is 400', async () => {
    const wrong = await finance('POST', '/checks', { subjectId: listed, matter: { type: 'bidding', reference: 'CG-1', name: '采购', listItem: 'CZ-CG-01' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'LIST_ITEM_MATTER_TYPE', field: 'body.matter.type' });
    const unknown = await finance('POST', '/checks', { subjectId: listed, matter: { type: 'procurement', reference: 'CG-1', name: '采购', listItem: 'CZ-XX-99' } });
    expect(unknown.body.error).toMatchObject({ code: 'LIST_ITEM_NOT_IN_FORCE', field: 'body.matter.listItem' });
    const batch = await finance('POST', '/checks/batch', { matter: { type: 'procurement', reference: 'ZB-1', name: '招标', listItem: 'CZ-XX-99' }, subjects: [{ subjectId: clean }] }, { 'idempotency-key': 'ml-batch-0' });
    expect(batch.status).toBe(400);
    expect(batch.body.error.field).toBe('body.matter.listItem');
  });

  it('a report required and none shown: reportRequirement not satisfied, said in Chinese; the item logged with the list version', async () => {
    const check = await finance('POST', '/checks', { subjectId: listed, matter: { type: 'procurement', reference: 'CG-2026-01', name: '办公设备采购', listItem: 'CZ-CG-01' } });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    checkId = check.body.checkId;
    expect(check.body.matter.listItem).toEqual({ itemId: 'CZ-CG-01', name: '政府采购供应商资格审查', listVersion: 2, checkRequired: true, reportRequired: true });
    expect(check.body.reportRequirement).toEqual({ required: true, satisfied: false, message: '本事项须查验第三方信用报告，当前无有效报告' });
    expect(check.body.measures.map((m: any) => m.measureId)).toEqual(['dishonesty-punishment']);
    const read = await finance('GET', `/checks/${checkId}`);
    expect(read.body.matter.listItem.itemId).toBe('CZ-CG-01');
    expect(read.body.reportRequirement.satisfied).toBe(false);
  });

  it('an item naming measures: the check offers only those among the measures the county’s rules select', async () => {
    const check = await finance('POST', '/checks', { subjectId: listed, matter: { type: 'fund-support', reference: 'ZJ-2026-01', name: '专项资金', listItem: 'CZ-ZJ-02' } });
    expect(check.status).toBe(201);
    expect(check.body.measures).toEqual([]);
    expect(check.body.reportRequirement).toBeUndefined();
    const batch = await finance('POST', '/checks/batch', { matter: { type: 'fund-support', reference: 'ZJ-2026-02', name: '专项资金', listItem: 'CZ-ZJ-02' }, subjects: [{ subjectId: listed }, { subjectId: clean }] }, { 'idempotency-key': 'ml-batch-1' });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body.results.map((r: any) => r.check.matter.listItem.itemId)).toEqual(['CZ-ZJ-02', 'CZ-ZJ-02']);
    for (const r of batch.body.results) expect(r.check.measures.every((m: any) => m.measureId === 'good-credit-facilitation')).toBe(true);
    expect(batch.body.results[0].check.measures).toEqual([]);
  });

  it('the outcome explains the offered punishment not applied; refusals name their field', async () => {
    const notOffered = await finance('PUT', `/checks/${checkId}/outcome`, { usage: '查询信用记录', decision: 'approved', notAppliedMeasures: [{ measureId: 'good-credit-facilitation', reason: '不适用' }] });
    expect(notOffered.status).toBe(409);
    expect(notOffered.body.error).toMatchObject({ code: 'MEASURE_NOT_OFFERED', field: 'body.notAppliedMeasures.0.measureId' });
    const both = await finance('PUT', `/checks/${checkId}/outcome`, {
      usage: '查询信用记录',
      decision: 'rejected',
      appliedMeasures: [{ measureId: 'dishonesty-punishment' }],
      notAppliedMeasures: [{ measureId: 'dishonesty-punishment', reason: '既适用又不适用' }],
    });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({ code: 'MEASURE_APPLIED_AND_NOT_APPLIED', field: 'body.notAppliedMeasures.0.measureId' });
    const noReason = await finance('PUT', `/checks/${checkId}/outcome`, { usage: '查询信用记录', decision: 'approved', notAppliedMeasures: [{ measureId: 'dishonesty-punishment', reason: '  ' }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('body.notAppliedMeasures.0.reason');
    const recorded = await finance('PUT', `/checks/${checkId}/outcome`, {
      usage: '查询信用记录，供应商列入严重失信主体名单',
      decision: 'approvedWithConditions',
      notAppliedMeasures: [{ measureId: 'dishonesty-punishment', reason: '名单所涉违法行为与本次采购无关，经集体研究不予限制' }],
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.outcome.notAppliedMeasures).toEqual([{ measureId: 'dishonesty-punishment', name: expect.any(String), kind: 'punishment', reason: '名单所涉违法行为与本次采购无关，经集体研究不予限制' }]);
    expect((await finance('GET', `/checks/${checkId}`)).body.outcome.notAppliedMeasures).toHaveLength(1);
  });

  it('an agency’s report accepted: the requirement is satisfied', async () => {
    const registered = await office('POST', '/agencies', { agencyId: 'agency-ml', name: '郏县清单测试信用服务有限公司', uscc: uscc('MA1MLAGY0'), filingNumber: '信备〔2026〕71号', filingAuthority: '县信用办' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const started = await call('POST', '/reports/uploads', 'agency', 'agency-ml', { subjectId: clean, reportNumber: 'ML-001', reportType: 'comprehensive', issueDate: addDays(today, -3), rating: 'A' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>)) form.append(name, value);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'report.pdf');
    expect((await fetch(started.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
    await until('the report to be accepted', async () => {
      const state = await call('GET', `/reports/uploads/${started.body.uploadId}`, 'agency', 'agency-ml');
      return state.body.state === 'accepted' ? state.body : undefined;
    }, 15_000);
    const check = await finance('POST', '/checks', { subjectId: clean, matter: { type: 'procurement', reference: 'CG-2026-02', name: '办公设备采购', listItem: 'CZ-CG-01' } });
    expect(check.status).toBe(201);
    expect(check.body.reports).toHaveLength(1);
    expect(check.body.reportRequirement).toEqual({ required: true, satisfied: true });
  });
});
