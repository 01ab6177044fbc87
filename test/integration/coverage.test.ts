/**
 * Coverage and accountability (issue 17 §2): a department files its matter list (the credit office approves it),
 * runs checks with and without the list item, reports the matters it decided by its system (machine API, scope
 * `matters:report`) and by the monthly upload (XLSX and CSV), and the office reads coverage per item and the
 * accountability list (decided without a check; a punishment offered neither applied nor explained). Re-reporting
 * is idempotent, bad rows are refused naming row and column, and a department reads its own only.
 * Against the local platform (DynamoDB Local); every date from the platform clock.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { monthDays } from '../../shared/coverage/months.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const checkedCompany = uscc('MA5CQ8001');
const uncheckedCompany = uscc('MA5CQ8002');
const penalised = uscc('MA5CQ8003');
const uploadCompany = uscc('MA5CQ8004');
const personFirst17 = `${county.divisionCode}19850404123`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);

let platform: LocalPlatform;
let today: string;
let month: string;
const dept = (method: string, path: string, body?: unknown, orgId = 'dept-market', headers: Record<string, string> = {}) => callApi(platform, method, path, 'department', orgId, body, headers);
const office = (method: string, path: string, body?: unknown) => callApi(platform, method, path, 'creditOffice', 'credit-office', body);

async function tokenFor(scopes: string[]): Promise<string> {
  const client = (await office('POST', '/machine-clients', { departmentOrgId: 'dept-market', name: `审批系统 ${scopes.join(' ')}`, scopes })).body;
  const response = await fetch(`${platform.machineApiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as any).access_token;
}
async function machine(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${platform.machineApiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

const headers = ['事项清单编号', '办件编号', '主体代码', '主体名称', '办结日期', '办理结果', '核查编号'];
async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('办件报送');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const upload = (fileName: string, file: Buffer | string, m = month, orgId = 'dept-market') => dept('POST', '/matter-uploads', { month: m, fileName, content: Buffer.from(file).toString('base64') }, orgId);

const items = [
  { itemId: 'XK-01', matterType: 'administrative-approval', name: '食品经营许可', legalBasis: '《食品安全法》第三十五条', checkRequired: true, reportRequired: false, measures: [] },
  { itemId: 'CG-01', matterType: 'procurement', name: '政府采购供应商资格审查', legalBasis: '《政府采购法》第二十二条', checkRequired: true, reportRequired: false, measures: [] },
  { itemId: 'JL-01', matterType: 'awards', name: '评优评先', legalBasis: '县信用办通知', checkRequired: false, reportRequired: false, measures: [] },
];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'coverage-it');
  today = localDate(platform.clock.now(), county.timeZone);
  month = today.slice(0, 7);
  for (const [orgId, name] of [['dept-market', '郏县市场监督管理局'], ['dept-tax', '郏县税务局']])
    expect((await office('POST', '/departments', { orgId, name })).status).toBe(201);
  const submitted = await dept('POST', '/matter-lists', { items });
  expect(submitted.status).toBeLessThan(300);
  const approved = await office('POST', `/matter-lists/dept-market/versions/${submitted.body.version}/review`, { decision: 'approve' });
  expect(approved.status).toBeLessThan(300);
  // A black-list entry in force on one subject: its checks offer the county's punishment (失信惩戒).
  const pushed = await dept('POST', '/records', {
    kind: 'blackList',
    subject: { name: '郏县覆盖三号有限公司', category: 'legalPerson', uscc: penalised, legalRepresentative: '王五' },
    decisionNumber: '郏税黑〔2026〕90号',
    decisionDate: addDays(today, -5),
    authority: { name: '郏县市场监督管理局', uscc: uscc('MB0000003') },
    sourceDepartment: '郏县市场监督管理局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件当事人名单',
    listedUntil: addDays(today, 700),
  });
  expect(pushed.status).toBe(201);
}, 120_000);
afterAll(() => platform?.stop());

describe('matters handled, checks and coverage', () => {
  let punishedCheck: string;
  let explainedCheck: string;
  let matterCheck: string;

  it('runs checks naming a list item, one naming none (matched by case number), and checks offering a punishment', async () => {
    const withItem = await dept('POST', '/checks', { subjectId: checkedCompany, matter: { type: 'administrative-approval', reference: 'XK-2026-001', name: '食品经营许可', listItem: 'XK-01' } });
    expect(withItem.status).toBe(201);
    expect(withItem.body.matter.listItem).toMatchObject({ itemId: 'XK-01', checkRequired: true });
    const byReference = await dept('POST', '/checks', { subjectId: person, matter: { type: 'awards', reference: 'JL-2026-001', name: '评优评先' } });
    expect(byReference.status).toBe(201);
    matterCheck = byReference.body.checkId;
    const offered = await dept('POST', '/checks', { subjectId: penalised, matter: { type: 'procurement', reference: 'CG-2026-001', name: '政府采购', listItem: 'CG-01' } });
    expect(offered.status).toBe(201);
    expect(offered.body.measures.some((m: any) => m.kind === 'punishment')).toBe(true);
    punishedCheck = offered.body.checkId;
    const explained = await dept('POST', '/checks', { subjectId: penalised, matter: { type: 'procurement', reference: 'CG-2026-002', name: '政府采购', listItem: 'CG-01' } });
    explainedCheck = explained.body.checkId;
    const punishments = explained.body.measures.filter((m: any) => m.kind === 'punishment');
    const outcome = await dept('PUT', `/checks/${explainedCheck}/outcome`, { usage: '查询了信用记录', appliedMeasures: [], notAppliedMeasures: punishments.map((m: any) => ({ measureId: m.measureId, reason: '已完成信用修复承诺，经集体研究不予适用' })), decision: 'approved' });
    expect(outcome.status).toBe(200);
    const unexplained = await dept('PUT', `/checks/${punishedCheck}/outcome`, { usage: '查询了信用记录', appliedMeasures: [], decision: 'approved' });
    expect(unexplained.status).toBe(200);
  });

  it('a system reports matters (scope matters:report); again with the same references updates, never duplicates', async () => {
    const token = await tokenFor(['matters:report']);
    const matters = [
      { itemId: 'XK-01', reference: 'XK-2026-001', subjectId: checkedCompany, subjectName: '郏县覆盖一号有限公司', decidedOn: today, decision: '准予许可' },
      { itemId: 'XK-01', reference: 'XK-2026-002', subjectId: uncheckedCompany, subjectName: '郏县覆盖二号有限公司', decidedOn: today },
      { itemId: 'JL-01', reference: 'JL-2026-001', subjectId: person, subjectName: '李四', decidedOn: today, checkId: matterCheck },
      { itemId: 'ZZ-99', reference: 'ZZ-2026-001', subjectId: uncheckedCompany, subjectName: '郏县覆盖二号有限公司', decidedOn: today },
    ];
    const first = await machine('POST', '/matters', token, { matters });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: any) => r.created)).toEqual([true, true, true, true]);
    const [again, concurrent] = await Promise.all([machine('POST', '/matters', token, { matters }), machine('POST', '/matters', token, { matters: matters.slice(0, 1) })]);
    expect(again.status).toBe(200);
    expect(concurrent.status).toBe(200);
    expect(again.body.results.every((r: any) => r.created === false)).toBe(true);
    const listed = await machine('GET', `/matters?month=${month}`, token);
    expect(listed.body.matters).toHaveLength(4);
    const one = listed.body.matters.find((m: any) => m.reference === 'XK-2026-001');
    expect(one.revision).toBe(3);
    expect(one.via).toBe('api');
    expect(JSON.stringify(listed.body)).not.toContain(person);
    expect(listed.body.matters.find((m: any) => m.reference === 'JL-2026-001').subject.id).toMatch(/\*{8}/);

    // A case number is the department's own: another department's same number is a matter of its own.
    const taxSame = await dept('POST', '/matters', { matters: [{ ...matters[0], subjectId: uncheckedCompany }] }, 'dept-tax');
    expect(taxSame.body.results[0]).toMatchObject({ created: true, revision: 1 });
    expect((await dept('GET', '/matters/XK-2026-001')).body.subject.id).toBe(checkedCompany);

    const without = await tokenFor(['checks:run']);
    expect((await machine('POST', '/matters', without, { matters })).status).toBe(403);
  });

  it('refuses a decision after today and a reference twice, naming the field', async () => {
    const future = await dept('POST', '/matters', { matters: [{ itemId: 'XK-01', reference: 'XK-F', subjectId: checkedCompany, subjectName: '某公司', decidedOn: addDays(today, 1) }] });
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('body.matters.0.decidedOn');
    const twice = await dept('POST', '/matters', { matters: [1, 2].map(() => ({ itemId: 'XK-01', reference: 'XK-T', subjectId: checkedCompany, subjectName: '某公司', decidedOn: today })) });
    expect(twice.status).toBe(400);
    expect(twice.body.error.field).toBe('body.matters.1.reference');
    const badCode = await dept('POST', '/matters', { matters: [{ itemId: 'XK-01', reference: 'XK-B', subjectId: `91${county.divisionCode}MA10000009`, subjectName: '某公司', decidedOn: today }] });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.field).toBe('body.matters.0.subjectId');
  });

  it('a clerk downloads the template and uploads a month: bad rows refused by row and column, the rest stored; the same file again stores nothing twice', async () => {
    const template = await fetch(`${platform.apiUrl}/matter-uploads/template`, { headers: { authorization: `Bearer ${await platform.token('department', 'dept-market')}` } });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await template.arrayBuffer()) as never);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    expect(book.getWorksheet('本部门事项清单')!.getCell('A2').value).toBe('XK-01');

    const file = await workbook([
      ['CG-01', 'CG-2026-001', penalised, '郏县覆盖三号有限公司', today, '中标', ''],
      ['XK-01', 'XK-2026-003', uploadCompany, '郏县覆盖四号有限公司', today, '', ''],
      ['XK-01', '', uploadCompany, '郏县覆盖四号有限公司', today, '', ''],
      ['XK-01', 'XK-2026-004', `91${county.divisionCode}MA10000009`, '郏县错误代码有限公司', today, '', ''],
      ['XK-01', 'XK-2026-005', uploadCompany, '郏县覆盖四号有限公司', addDays(monthDays(month).first, -1), '', ''],
      ['XK-01', 'XK-2026-003', uploadCompany, '郏县覆盖四号有限公司', today, '', ''],
    ]);
    const first = await upload('办件.xlsx', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 6, stored: 2, updated: 0 });
    expect(first.body.refused).toEqual([
      { row: 4, column: '办件编号', field: 'reference', message: '必须填写' },
      expect.objectContaining({ row: 5, column: '主体代码', field: 'subjectId' }),
      expect.objectContaining({ row: 6, column: '办结日期', field: 'decidedOn' }),
      expect.objectContaining({ row: 7, column: '办件编号', field: 'reference', message: '与第 3 行的办件编号重复' }),
    ]);
    const again = await upload('办件.xlsx', file);
    expect(again.body).toMatchObject({ stored: 0, updated: 2 });

    const csv = `\uFEFF${headers.slice(0, 5).join(',')}\r\nJL-01,JL-2026-002,${uploadCompany},郏县覆盖四号有限公司,${today.replaceAll('-', '/')}\r\n`;
    const fromCsv = await upload('办件.csv', csv);
    expect(fromCsv.body).toMatchObject({ rows: 1, stored: 1, refused: [] });
    expect((await upload('办件.txt', csv)).body.error.field).toBe('body.fileName');
    const missingColumn = await upload('办件.csv', `事项清单编号,主体代码\r\nXK-01,${uploadCompany}\r\n`);
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.error.message).toContain('办件编号');

    const read = await dept('GET', '/matters/CG-2026-001');
    expect(read.body).toMatchObject({ reference: 'CG-2026-001', itemId: 'CG-01', via: 'upload', decision: '中标' });
    expect((await dept('GET', '/matters/CG-2026-001', undefined, 'dept-tax')).status).toBe(404);
  });

  it('coverage per item: checked ÷ handled, items of nothing handled shown, an unknown item flagged', async () => {
    const answer = await office('GET', `/coverage?month=${month}`);
    expect(answer.status).toBe(200);
    expect(answer.body.lookbackDays).toBe(county.coverage.checkLookbackDays.days);
    const market = answer.body.departments.find((d: any) => d.orgId === 'dept-market');
    const item = (id: string) => market.items.find((i: any) => i.itemId === id);
    // XK-01: XK-2026-001 checked (same item), XK-2026-002 not, XK-2026-003 (upload) not.
    expect(item('XK-01')).toMatchObject({ handled: 3, checked: 1, inList: true });
    expect(item('XK-01').coverage).toBeCloseTo(1 / 3);
    // CG-01: CG-2026-001 reported by upload, checked under the item.
    expect(item('CG-01')).toMatchObject({ handled: 1, checked: 1, coverage: 1 });
    // JL-01: the person's matter names its check; the CSV's was not checked.
    expect(item('JL-01')).toMatchObject({ handled: 2, checked: 1, coverage: 0.5 });
    expect(item('ZZ-99')).toMatchObject({ handled: 1, checked: 0, inList: false });
    expect(market).toMatchObject({ handled: 7, checked: 3, listVersion: 1 });
    const tax = answer.body.departments.find((d: any) => d.orgId === 'dept-tax');
    expect(tax).toMatchObject({ handled: 1, checked: 0, coverage: 0, listVersion: null });
    expect(tax.items).toEqual([expect.objectContaining({ itemId: 'XK-01', inList: false })]);
  });

  it('the accountability list: matters decided without a check where the item requires one, and the punishment left unexplained', async () => {
    const answer = await office('GET', `/accountability?month=${month}`);
    expect(answer.status).toBe(200);
    const candidates = answer.body.candidates;
    const without = candidates.filter((c: any) => c.kind === 'decidedWithoutCheck').map((c: any) => c.reference).sort();
    expect(without).toEqual(['XK-2026-002', 'XK-2026-003']);
    const unexplained = candidates.filter((c: any) => c.kind === 'punishmentUnexplained');
    expect(unexplained.map((c: any) => c.checkId)).toEqual([punishedCheck]);
    expect(unexplained[0]).toMatchObject({ department: '郏县市场监督管理局', reference: 'CG-2026-001', date: today, kindLabel: '惩戒措施未适用也未说明理由' });
    expect(unexplained[0].detail).toContain('既未适用，也未说明');
    expect(candidates.find((c: any) => c.reference === 'XK-2026-002')).toMatchObject({ matterName: '食品经营许可', subject: `郏县覆盖二号有限公司（${uncheckedCompany}）` });
    expect(JSON.stringify(answer.body)).not.toContain(person);
  });

  it('a department reads its own coverage and matters only; the accountability list is the office’s', async () => {
    const own = await dept('GET', `/coverage?month=${month}`);
    expect(own.status).toBe(200);
    expect(own.body.departments.map((d: any) => d.orgId)).toEqual(['dept-market']);
    expect((await dept('GET', `/coverage?month=${month}&department=dept-market`, undefined, 'dept-tax')).status).toBe(403);
    expect((await dept('GET', `/matters?month=${month}&department=dept-market`, undefined, 'dept-tax')).status).toBe(403);
    expect((await dept('GET', `/matters?month=${month}`, undefined, 'dept-tax')).body.matters.map((m: any) => m.departmentOrgId)).toEqual(['dept-tax']);
    expect((await dept('GET', `/accountability?month=${month}`)).status).toBe(403);
    expect((await office('GET', `/matters?month=${month}&department=dept-market`)).body.matters).toHaveLength(7);
    expect((await office('GET', `/matters?month=${month}`)).status).toBe(400);
  });

  it('across the month end, the month closed reads the same', async () => {
    await platform.clock.set(`${addDays(monthDays(month).last, 1)}T09:00:00+08:00`);
    const after = await office('GET', `/coverage?month=${month}`);
    expect(after.body.departments.find((d: any) => d.orgId === 'dept-market')).toMatchObject({ handled: 7, checked: 3 });
    expect((await office('GET', '/coverage')).body.month).not.toBe(month);
  });
});
