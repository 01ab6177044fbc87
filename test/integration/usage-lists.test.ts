/**
 * Usage lists (使用情况清单), the departments register, the compliance view, the usage-list overdue
 * source and the period close, end to end on the local platform (Zanhuang: monthly, by the 25th). The
 * platform clock is moved forward across the month end, never slept; dates are relative to today.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { workingDaysBefore } from '../../shared/cases/case-deadline.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { publishNotice } from '../../shared/notices/publish-notice.ts';
import { usageListOverdueSource } from '../../shared/compliance/overdue/usage-list-source.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { parseUsagePeriod, periodContaining } from '../../shared/usage-lists/usage-periods.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const county = loadCounty('zanhuang');
const calendar = workingDayCalendar(county.calendar);
const today = testDate;
/** The month the checks are run in, and the one after it, when its list is submitted. */
const month = periodContaining(today, county.usageList, calendar);
const next = periodContaining(addDays(month.lastDay, 1), county.usageList, calendar);
const afterNext = periodContaining(addDays(next.lastDay, 1), county.usageList, calendar);
const at9 = (day: string) => `${day}T09:00:00+08:00`;

const uscc = (serial: number) => {
  const first17 = `91${county.divisionCode}MU${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const blackListed = uscc(1);
const clean = uscc(2);
const late = uscc(3);
const personFirst17 = `${county.divisionCode}19800101234`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
const authority = { name: '赞皇县发展和改革局', uscc: uscc(9) };

const departments = {
  'dept-a': '赞皇县财政局',
  'dept-b': '赞皇县市场监督管理局',
  'dept-c': '赞皇县住房和城乡建设局',
} as const;

let platform: LocalPlatform;

async function request(method: string, path: string, role: Role, orgId: string, body?: unknown) {
  return fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await platform.token(role, orgId)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function call(method: string, path: string, role: Role, orgId: string, body?: unknown) {
  const response = await request(method, path, role, orgId, body);
  return { status: response.status, body: (await response.json()) as any };
}
const dept = (orgId: string) => ({
  get: (path: string) => call('GET', path, 'department', orgId),
  post: (path: string, body: unknown) => call('POST', path, 'department', orgId, body),
  put: (path: string, body: unknown) => call('PUT', path, 'department', orgId, body),
});
const office = {
  get: (path: string) => call('GET', path, 'creditOffice', 'credit-office'),
  post: (path: string, body: unknown) => call('POST', path, 'creditOffice', 'credit-office', body),
};

const common = (subject: object, number: string, decisionDate: string) => ({ subject, decisionNumber: number, decisionDate, authority, sourceDepartment: '赞皇县发展和改革局' });
const penalty = (subject: object, number: string, decisionDate: string) => ({
  kind: 'penalty',
  ...common(subject, number, decisionDate),
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《中华人民共和国反不正当竞争法》第二十条',
  penaltyCategories: ['warning'],
  penaltyContent: '警告',
});
const company = (code: string, name: string) => ({ name, category: 'legalPerson', uscc: code, legalRepresentative: '李四' });

async function push(by: string, record: unknown): Promise<string> {
  const answer = await dept(by).post('/records', record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId;
}
async function check(by: string, subjectId: string, reference: string, type = 'procurement') {
  const answer = await dept(by).post('/checks', { subjectId, matter: { type, reference, name: `项目 ${reference}` } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.checkId as string;
}
const outbox = () => sentNotices(platform);

let lateRecordId: string;
let caseAnswerBy: string;

beforeAll(async () => {
  platform = await startTestPlatform(county, 'usage-lists-it');
});
afterAll(() => platform?.stop());

describe('the departments register', () => {
  it('the credit office registers (201) and renames (200) departments; departments read the register; others may not write it', async () => {
    for (const [orgId, name] of Object.entries(departments)) {
      const created = await office.post('/departments', { orgId, name: `${name}（旧名）` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const renamed = await office.post('/departments', { orgId, name });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ orgId, name, registeredAt: expect.any(String), renamedAt: expect.any(String) });
    }
    expect((await dept('dept-a').post('/departments', { orgId: 'dept-x', name: '某局' })).status).toBe(403);
    expect((await office.post('/departments', { orgId: 'Dept A', name: '某局' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.orgId' });
    const listed = await dept('dept-b').get('/departments');
    expect(listed.status).toBe(200);
    expect(listed.body.departments.map((d: any) => [d.orgId, d.name])).toEqual(Object.entries(departments));
  });
});

describe('a department’s usage list', () => {
  it('previews the current month from its checks: every check a row, one without an outcome listed as such, a person by name only', async () => {
    await push('dept-b', { kind: 'blackList', ...common(company(blackListed, '赞皇失信建材有限公司'), '赞税黑〔2026〕501号', addDays(today, -3)), listName: 'major-tax-violation', listingBasis: '重大税收违法失信案件当事人名单', listedUntil: addDays(today, 700) });
    await push('dept-b', penalty(company(clean, '赞皇诚信商贸有限公司'), '赞市监罚〔2026〕502号', addDays(today, -1)));
    await push('dept-b', penalty({ name: '王示例', category: 'naturalPerson', residentId: person }, '赞市监罚〔2026〕503号', addDays(today, -1)));
    // Pushed 30 days after the decision: a late dual publication of dept-b.
    lateRecordId = await push('dept-b', penalty(company(late, '赞皇迟报食品有限公司'), '赞市监罚〔2026〕504号', addDays(today, -30)));

    const refused = await check('dept-a', blackListed, 'ZC-501');
    const approved = await check('dept-a', clean, 'ZC-502');
    await check('dept-a', person, 'SP-503', 'administrative-approval');
    expect((await dept('dept-a').put(`/checks/${refused}/outcome`, { usage: '查询信用记录, 该主体列入"黑名单"', appliedMeasures: [{ measureId: 'procurement-refusal' }], decision: 'rejected' })).status).toBe(200);
    expect((await dept('dept-a').put(`/checks/${approved}/outcome`, { usage: '查询信用记录，无不良记录', appliedMeasures: [], decision: 'approved' })).status).toBe(200);

    const preview = await dept('dept-a').get(`/usage-lists/${month.id}`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      period: { id: month.id, firstDay: month.firstDay, lastDay: month.lastDay, dueDay: month.dueDay, complete: false },
      department: { orgId: 'dept-a', name: departments['dept-a'] },
      counts: { checks: 3, withOutcome: 2, withoutOutcome: 1 },
      submission: { state: 'notSubmitted' },
      draft: null,
    });
    expect(preview.body.rows.map(({ checkId: _id, ...row }: any) => row)).toEqual([
      { subjectName: '赞皇失信建材有限公司', matter: '项目 ZC-501（政府采购，编号 ZC-501）', date: today, usage: '查询信用记录, 该主体列入"黑名单"', measures: '拒绝参与政府采购活动', outcomeRecorded: true },
      { subjectName: '赞皇诚信商贸有限公司', matter: '项目 ZC-502（政府采购，编号 ZC-502）', date: today, usage: '查询信用记录，无不良记录', measures: '无', outcomeRecorded: true },
      { subjectName: '王示例', matter: '项目 SP-503（行政审批，编号 SP-503）', date: today, usage: '未记录使用情况', measures: '未记录', outcomeRecorded: false },
    ]);
    expect(JSON.stringify(preview.body)).not.toContain(person);

    // The credit office reads it by naming the department; a department never reads another's.
    expect((await office.get(`/usage-lists/${month.id}?department=dept-a`)).body.counts).toEqual({ checks: 3, withOutcome: 2, withoutOutcome: 1 });
    expect((await office.get(`/usage-lists/${month.id}`)).body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.department' });
    expect((await dept('dept-b').get(`/usage-lists/${month.id}?department=dept-a`)).body.error).toMatchObject({ code: 'FORBIDDEN', field: 'query.department' });
    expect((await dept('dept-unregistered').get(`/usage-lists/${month.id}`)).status).toBe(404);
  });

  it('refuses a malformed period, a future one, and the submission of an unfinished one, with 400 naming path.period', async () => {
    for (const bad of ['2026-13', `${month.id.slice(0, 4)}-Q4`, 'latest']) {
      const answer = await dept('dept-a').get(`/usage-lists/${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'path.period', message: expect.stringContaining('must be a month written YYYY-MM') });
    }
    const future = await dept('dept-a').get(`/usage-lists/${next.id}`);
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ field: 'path.period', message: expect.stringContaining('is in the future') });
    const unfinished = await dept('dept-a').post(`/usage-lists/${month.id}/submit`, { submitter: '李会计' });
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.error).toMatchObject({ field: 'path.period', message: expect.stringContaining('has not ended yet') });
  });

  it('the workflow opens an objection to the late record (for the compliance view later)', async () => {
    const raised = await call('POST', '/objections', 'subject', late, { recordId: lateRecordId, reason: '处罚决定已撤销' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const opened = await until('the case to be opened', async () => (await office.get(`/objections/${raised.body.case.caseId}`)).body.answerBy as string | undefined);
    caseAnswerBy = opened;
  });
});

describe('submitting after the month ends', () => {
  it('is final: a second submission without a revision is 409 naming the current one, revision 2 is a correction', async () => {
    await platform.clock.set(at9(next.firstDay));
    const first = await dept('dept-a').post(`/usage-lists/${month.id}/submit`, { submitter: '张会计', note: '首次报送' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.submission).toMatchObject({ state: 'submitted', revision: 1, submitter: '张会计', submittedOn: next.firstDay, late: false, counts: { checks: 3, withOutcome: 2, withoutOutcome: 1 } });

    const again = await dept('dept-a').post(`/usage-lists/${month.id}/submit`, { submitter: '张会计' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.revision', message: expect.stringContaining('current revision 1') });
    expect((await dept('dept-a').post(`/usage-lists/${month.id}/submit`, { submitter: '张会计', revision: 3 })).status).toBe(409);

    const corrected = await dept('dept-a').post(`/usage-lists/${month.id}/submit`, { submitter: '李会计', revision: 2 });
    expect(corrected.status).toBe(201);
    expect(corrected.body.submission).toMatchObject({ revision: 2, submitter: '李会计', firstSubmittedOn: next.firstDay, late: false });
    expect((await dept('dept-a').get(`/usage-lists/${month.id}`)).body).toMatchObject({ period: { complete: true }, submission: { state: 'submitted', revision: 2 } });
  });

  it('of two first submissions at once, one is stored (201) and the other is 409', async () => {
    const both = await Promise.all([1, 2].map((n) => dept('dept-b').post(`/usage-lists/${month.id}/submit`, { submitter: `报送人${n}` })));
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect((await dept('dept-b').get(`/usage-lists/${month.id}`)).body.submission).toMatchObject({ revision: 1 });
  });

  it('another department’s list cannot be submitted: 403, since a department only ever submits its own', async () => {
    const answer = await dept('dept-b').post(`/usage-lists/${month.id}/submit?department=dept-a`, { submitter: '冒名', revision: 3 });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'query.department' });
    expect((await call('POST', `/usage-lists/${month.id}/submit`, 'creditOffice', 'credit-office', { submitter: '信用办' })).status).toBe(403);
    expect((await dept('dept-a').get(`/usage-lists/${month.id}`)).body.submission).toMatchObject({ revision: 2, submitter: '李会计' });
  });
});

describe('exports in Zanhuang’s template', () => {
  const header = ['市场主体（自然人）名称', '行政管理事项名称', '日期', '使用信用记录或报告情况', '使用的激励或惩戒措施'];
  const exported = async (query: string, orgId = 'dept-a') => {
    const response = await request('GET', `/usage-lists/${month.id}/export?${query}`, 'department', orgId);
    expect(response.status).toBe(200);
    return { headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('CSV: UTF-8 with a BOM, CRLF, the header rows and the exact Chinese column headers, fields quoted per RFC 4180', async () => {
    const { headers, bytes } = await exported('format=csv');
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(
      `attachment; filename="usage-list-dept-a-${month.id}-r2.csv"; filename*=UTF-8''${encodeURIComponent(`使用情况清单-赞皇县财政局-${month.id}-第2版.csv`)}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')).toEqual([
      '行政管理事项中使用信用记录和信用报告的情况清单',
      '单位：,赞皇县财政局',
      '报送人：,李会计',
      `报送日期：,${next.firstDay}`,
      header.join(','),
      `赞皇失信建材有限公司,项目 ZC-501（政府采购，编号 ZC-501）,${today},"查询信用记录, 该主体列入""黑名单""",拒绝参与政府采购活动`,
      `赞皇诚信商贸有限公司,项目 ZC-502（政府采购，编号 ZC-502）,${today},查询信用记录，无不良记录,无`,
      `王示例,项目 SP-503（行政审批，编号 SP-503）,${today},未记录使用情况,未记录`,
      '',
    ]);
    expect(text).not.toContain(person);
  });

  it('XLSX: read back with the library, a sheet named for the period, bold headers, the same header rows and data rows', async () => {
    const { headers, bytes } = await exported('format=xlsx&revision=1');
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.getWorksheet(month.name)!;
    expect(sheet, `sheet ${month.name}`).toBeDefined();
    const cells = (row: number, count: number) => Array.from({ length: count }, (_, i) => sheet.getRow(row).getCell(i + 1).text);
    expect(cells(1, 1)).toEqual(['行政管理事项中使用信用记录和信用报告的情况清单']);
    expect([cells(2, 2), cells(3, 2), cells(4, 2)]).toEqual([
      ['单位：', '赞皇县财政局'],
      ['报送人：', '张会计'], // revision 1
      ['报送日期：', next.firstDay],
    ]);
    expect(cells(5, 5)).toEqual(header);
    expect(sheet.getRow(5).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(4).width).toBeGreaterThan(20);
    expect([6, 7, 8].map((r) => cells(r, 5))).toEqual([
      ['赞皇失信建材有限公司', '项目 ZC-501（政府采购，编号 ZC-501）', today, '查询信用记录, 该主体列入"黑名单"', '拒绝参与政府采购活动'],
      ['赞皇诚信商贸有限公司', '项目 ZC-502（政府采购，编号 ZC-502）', today, '查询信用记录，无不良记录', '无'],
      ['王示例', '项目 SP-503（行政审批，编号 SP-503）', today, '未记录使用情况', '未记录'],
    ]);
    expect(sheet.rowCount).toBe(8);
  });

  it('before any submission the draft (no submitter); an unknown revision is 404', async () => {
    const { bytes } = await exported('format=csv', 'dept-c');
    expect(bytes.subarray(3).toString('utf8').split('\r\n').slice(0, 5)).toEqual([
      '行政管理事项中使用信用记录和信用报告的情况清单（草稿，未报送）',
      '单位：,赞皇县住房和城乡建设局',
      '报送人：,',
      '报送日期：,',
      header.join(','),
    ]);
    expect((await request('GET', `/usage-lists/${month.id}/export?format=csv&revision=9`, 'department', 'dept-a')).status).toBe(404);
    expect((await request('GET', `/usage-lists/${month.id}/export?format=pdf`, 'department', 'dept-a')).status).toBe(400);
  });
});

describe('the compliance view', () => {
  it('per registered department, worst offenders first', async () => {
    const view = await office.get(`/compliance?period=${month.id}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.period).toMatchObject({ id: month.id, complete: true });
    expect(view.body.departments.map((d: any) => d.orgId)).toEqual(['dept-b', 'dept-a', 'dept-c']);
    const [b, a, c] = view.body.departments;
    // The objection raised this month is counted in the period of its answer day: this month's view shows
    // it overdue only when that day falls in this month (from late in a month on, it does; on 11-23 not).
    const answerInMonth = caseAnswerBy <= month.lastDay;
    expect(b).toMatchObject({
      checks: { total: 0 },
      latePublications: { count: 1, records: [{ recordId: lateRecordId, kind: 'penalty', lateByWorkingDays: expect.any(Number) }] },
      overdueAnswers: { count: answerInMonth ? 1 : 0 },
      usageList: { state: 'submittedOnTime', revision: 1 },
      failings: answerInMonth ? ['overdueAnswers', 'latePublications'] : ['latePublications'],
    });
    expect(a).toMatchObject({
      name: '赞皇县财政局',
      checks: { total: 3, withOutcome: 2, withoutOutcome: 1 },
      latePublications: { count: 0 },
      overdueAnswers: { count: 0 },
      usageList: { state: 'submittedOnTime', revision: 2, firstSubmittedOn: next.firstDay },
      failings: ['outcomesMissing'],
    });
    expect(c).toMatchObject({ usageList: { state: 'notSubmitted', dueDay: month.dueDay }, failings: [] });
    expect((await dept('dept-a').get(`/compliance?period=${month.id}`)).status).toBe(403);
    expect((await office.get(`/compliance?period=${afterNext.id}`)).body.error).toMatchObject({ field: 'query.period' });
  });
});

describe('period close and overdue notices', () => {
  it('the first day after the month drafts each list once and reminds those that have not submitted, once', async () => {
    const first = (await platform.invoke('close-usage-period', { date: next.firstDay })) as any;
    expect(first.ended).toEqual([month.id]);
    expect(first.drafted.map((d: any) => [d.orgId, d.created, d.checks, d.withoutOutcome])).toEqual([
      ['dept-a', true, 3, 1],
      ['dept-b', true, 0, 0],
      ['dept-c', true, 0, 0],
    ]);
    expect(first.reminders).toEqual([{ orgId: 'dept-c', period: month.id, about: `dept-c#${month.id}#draft`, published: true }]);
    const second = (await platform.invoke('close-usage-period', { date: next.firstDay })) as any;
    expect(second.drafted.every((d: any) => !d.created)).toBe(true);
    expect(second.reminders.map((r: any) => r.published)).toEqual([false]);
    expect((await dept('dept-c').get(`/usage-lists/${month.id}`)).body.draft).toMatchObject({ createdOn: next.firstDay, counts: { checks: 0 } });

    const reminderDay = workingDaysBefore(month.dueDay, 3, calendar);
    const due = (await platform.invoke('close-usage-period', { date: reminderDay })) as any;
    expect(due).toMatchObject({ dueSoon: [month.id], drafted: [], reminders: [{ orgId: 'dept-c', about: `dept-c#${month.id}#due`, published: true }] });
    expect(((await platform.invoke('close-usage-period', { date: reminderDay })) as any).reminders.map((r: any) => r.published)).toEqual([false]);
    // A day that is neither: nothing read, nothing done.
    expect(await platform.invoke('close-usage-period', { date: addDays(next.firstDay, 1) })).toMatchObject({ ended: [], dueSoon: [], drafted: [], reminders: [] });

    const reminders = outbox().filter((n) => n.kind === 'usage-list-reminder');
    expect(reminders.map((n) => n.about).sort()).toEqual([`dept-c#${month.id}#draft`, `dept-c#${month.id}#due`]);
    expect(reminders[0]).toMatchObject({ addressee: 'dept-c', text: expect.stringContaining(month.dueDay) });
  });

  it('after the due day: exactly one public notice per department and period missing, published once', async () => {
    const day = [addDays(month.dueDay, 1), addDays(caseAnswerBy, 1)].sort().at(-1)!;
    await platform.clock.set(at9(day));
    const findings = await usageListOverdueSource.find({ county, calendar, today: day, now: platform.clock.now() });
    // Departments registered this month owe no list for the months before.
    expect(findings.notices).toEqual([
      expect.objectContaining({ kind: 'usage-list-missing', about: `dept-c#${month.id}`, addressee: 'dept-c', public: true, date: day }),
    ]);
    expect(findings.itemsDue).toBe(1);
    const notice = findings.notices[0]!;
    expect(notice.title).toContain('赞皇县住房和城乡建设局');
    expect(notice.text).toContain(month.name);
    expect(notice.text).toContain(month.dueDay);
    expect(notice.text).toContain('关于加强在行政管理相关领域使用信用记录和信用报告的通知');
    expect(await publishNotice(notice, platform.clock.now())).toEqual({ published: true });
    expect(await publishNotice(notice, platform.clock.now())).toEqual({ published: false });
    expect(outbox().filter((n) => n.kind === 'usage-list-missing')).toHaveLength(1);

    // The compliance view now shows the missing list, before every department with as few kinds of failing
    // (dept-b has two when the objection's answer day fell in this month), and the objection answered late.
    const view = await office.get(`/compliance?period=${month.id}`);
    const answerInMonth = caseAnswerBy <= month.lastDay;
    expect(view.body.departments.map((d: any) => d.orgId)).toEqual(answerInMonth ? ['dept-b', 'dept-c', 'dept-a'] : ['dept-c', 'dept-b', 'dept-a']);
    expect(view.body.departments.find((d: any) => d.orgId === 'dept-c')).toMatchObject({ usageList: { state: 'overdue' }, failings: ['usageListMissing'] });
    const answerPeriod = periodContaining(caseAnswerBy, county.usageList, calendar);
    const answers = await office.get(`/compliance?period=${answerPeriod.id}`);
    expect(answers.body.departments.find((d: any) => d.orgId === 'dept-b').overdueAnswers).toMatchObject({ count: 1, cases: [{ answerBy: caseAnswerBy }] });
    // A list submitted now is late, and says so.
    const lateList = await dept('dept-c').post(`/usage-lists/${month.id}/submit`, { submitter: '赵主任' });
    expect(lateList.body.submission).toMatchObject({ revision: 1, late: true, submittedOn: day });
    expect(parseUsagePeriod(month.id, county.usageList, calendar).dueDay < day).toBe(true);
  });
});
