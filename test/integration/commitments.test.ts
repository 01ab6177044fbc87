/**
 * Commitments at the point of approval (issue 16 §3): where the county offers one for the matter type, a check
 * takes the subject's commitment in the same request; it becomes a commitment record; the daily follow-up
 * reminds the department before the due day and tells it and the credit office when it passes; the department
 * records it fulfilled or breached, and a breach is a commitment-breach record on the subject with its publicity.
 * Against the local platform; every date from the platform clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { addWorkingDays, workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
const calendar = workingDayCalendar(county.calendar);
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const company = uscc('MA5CMT001');
const other = uscc('MA5CMT002');
const personFirst17 = `${county.divisionCode}19800303567`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
const authority = { name: '郏县市场监督管理局', uscc: uscc('MB0000003') };

let platform: LocalPlatform;
let today: string;
const dept = (method: string, path: string, body?: unknown, orgId = 'dept-market', headers: Record<string, string> = {}) => callApi(platform, method, path, 'department', orgId, body, headers);

const commitment = (overrides: Record<string, unknown> = {}) => ({
  mode: 'written',
  subjectName: '郏县承诺测试有限公司',
  authority,
  text: '本单位承诺所提交材料真实有效，并在期限内补交消防验收合格证明。',
  promised: ['补交消防验收合格证明'],
  dueDate: addDays(today, 30),
  ...overrides,
});
const approval = (reference: string) => ({ type: 'administrative-approval', reference, name: '食品经营许可' });

beforeAll(async () => {
  platform = await startTestPlatform(county, 'commitments-it');
  today = localDate(platform.clock.now(), county.timeZone);
  for (const [orgId, name] of [['dept-market', '郏县市场监督管理局'], ['dept-tax', '郏县税务局']])
    expect((await callApi(platform, 'POST', '/departments', 'creditOffice', 'credit-office', { orgId, name })).status).toBe(201);
});
afterAll(() => platform?.stop());

describe('a commitment taken with a check', () => {
  let recordId: string;

  it('refuses a mode the county does not offer for the matter type, and a due day not after today, before logging anything', async () => {
    const before = (await dept('GET', `/checks?from=${today}&to=${today}`)).body.checks.length;
    const procurement = await dept('POST', '/checks', { subjectId: company, matter: { type: 'procurement', reference: 'CG-1', name: '采购' }, commitment: commitment() });
    expect(procurement.status).toBe(400);
    expect(procurement.body.error.field).toBe('body.commitment.mode');
    expect(procurement.body.error.message).toContain('offers no commitment');
    const tolerance = await dept('POST', '/checks', { subjectId: company, matter: approval('XK-0'), commitment: commitment({ mode: 'tolerance' }) });
    expect(tolerance.status).toBe(400);
    expect(tolerance.body.error.message).toContain('written');
    const past = await dept('POST', '/checks', { subjectId: company, matter: approval('XK-0'), commitment: commitment({ dueDate: today }) });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe('body.commitment.dueDate');
    expect((await dept('GET', `/checks?from=${today}&to=${today}`)).body.checks.length).toBe(before);
  });

  it('takes it in the same request: a commitment record on the subject, followed up as open; a retry doubles nothing', async () => {
    const body = { subjectId: company, matter: approval('XK-2026-001'), commitment: commitment() };
    const check = await dept('POST', '/checks', body, 'dept-market', { 'idempotency-key': 'xk-001' });
    expect(check.status).toBe(201);
    expect(check.body.commitment).toMatchObject({ mode: 'written', modeLabel: '信用承诺', dueDate: addDays(today, 30), state: 'open' });
    recordId = check.body.commitment.recordId;
    const again = await dept('POST', '/checks', body, 'dept-market', { 'idempotency-key': 'xk-001' });
    expect(again.status).toBe(200);
    expect(again.body.commitment.recordId).toBe(recordId);

    const record = (await dept('GET', `/records/${recordId}`)).body.record;
    expect(record).toMatchObject({ kind: 'commitment', status: 'active' });
    expect(record.details.commitmentType).toBe('信用承诺');
    expect(record.details.content).toContain('补交消防验收合格证明');
    expect(record.details.matterReference).toContain('XK-2026-001');
    const subjectRecords = await callApi(platform, 'GET', `/subjects/${company}/records`, 'subject', company);
    expect(subjectRecords.body.records.filter((r: any) => r.kind === 'commitment')).toHaveLength(1);

    const listed = await dept('GET', '/commitments?state=open');
    expect(listed.body.commitments).toHaveLength(1);
    expect(listed.body.commitments[0]).toMatchObject({ recordId, checkId: check.body.checkId, state: 'open', overdue: false, promised: ['补交消防验收合格证明'] });
    expect((await dept('GET', '/commitments', undefined, 'dept-tax')).body.commitments).toEqual([]);
  });

  it("a person's commitment keeps the ID number out of the follow-up and the answers", async () => {
    const check = await dept('POST', '/checks', { subjectId: person, matter: approval('XK-2026-002'), commitment: commitment({ subjectName: '张某某', dueDate: addDays(today, 60) }) });
    expect(check.status).toBe(201);
    const listed = await dept('GET', '/commitments');
    expect(JSON.stringify(listed.body)).not.toContain(person);
    expect(listed.body.commitments.find((c: any) => c.recordId === check.body.commitment.recordId).subject.type).toBe('residentId');
  });

  it('reminds the department before the due day, once, and tells it and the credit office when the day passes without a result', async () => {
    // The first day whose reminder horizon (the county's working days ahead) reaches the due day.
    const reminderDay = Array.from({ length: 30 }, (_, d) => addDays(today, d)).find((d) => addWorkingDays(d, county.commitments.reminderWorkingDays.days, calendar) >= addDays(today, 30))!;
    const early = (await platform.invoke('follow-up-commitments', { date: addDays(reminderDay, -1) })) as { reminded: number };
    expect(early.reminded).toBe(0);
    const first = (await platform.invoke('follow-up-commitments', { date: reminderDay })) as { reminded: number };
    expect(first.reminded).toBe(1);
    expect(((await platform.invoke('follow-up-commitments', { date: reminderDay })) as { reminded: number }).reminded).toBe(0);
    const due = sentNotices(platform).filter((n) => n.kind === 'commitment-due');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ addressee: 'dept-market' });
    expect(due[0].text).toContain(addDays(today, 30));

    const late = (await platform.invoke('follow-up-commitments', { date: addDays(today, 31) })) as { overdue: number };
    expect(late.overdue).toBe(1);
    const overdue = sentNotices(platform).filter((n) => n.kind.startsWith('commitment-overdue'));
    expect(overdue.map((n) => n.addressee).sort()).toEqual(['creditOffice', 'dept-market']);
    expect(JSON.stringify(sentNotices(platform))).not.toContain(person);
  });

  it('a breach becomes a commitment-breach record on the subject with its publicity period; the result stands once', async () => {
    expect((await dept('POST', `/commitments/${recordId}/result`, { result: 'fulfilled' }, 'dept-tax')).status).toBe(404);
    const breached = await dept('POST', `/commitments/${recordId}/result`, { result: 'breached', breachFacts: '期限届满未补交消防验收合格证明' });
    expect(breached.status).toBe(200);
    expect(breached.body).toMatchObject({ state: 'breached', result: { result: 'breached' } });
    const breachId = breached.body.result.breachRecordId;
    const breach = (await dept('GET', `/records/${breachId}`)).body.record;
    expect(breach).toMatchObject({ kind: 'commitmentBreach', status: 'active' });
    expect(breach.details.commitmentDecisionNumber).toBe(`信用承诺-${breached.body.checkId}`);
    expect(breach.publicity.publicUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Public, as a breach of a credit commitment is: on the public site.
    const site = await fetch(`${platform.apiUrl}/public/records/${breachId}`);
    expect(site.status).toBe(200);

    const again = await dept('POST', `/commitments/${recordId}/result`, { result: 'fulfilled' });
    expect(again.status).toBe(409);
    expect((await dept('GET', '/commitments?state=open')).body.commitments.map((c: any) => c.recordId)).not.toContain(recordId);
    // A later check of the subject shows the breach among its records in force.
    const check = await dept('POST', '/checks', { subjectId: company, matter: { type: 'procurement', reference: 'CG-2', name: '采购' } });
    expect(check.body.records.map((r: any) => r.kind)).toContain('commitmentBreach');
  });

  it('a commitment kept is recorded fulfilled, and leaves the open list', async () => {
    const check = await dept('POST', '/checks', { subjectId: other, matter: approval('XK-2026-003'), commitment: commitment({ subjectName: '郏县守诺有限公司' }) });
    const id = check.body.commitment.recordId;
    const kept = await dept('POST', `/commitments/${id}/result`, { result: 'fulfilled', note: '已补交' });
    expect(kept.status).toBe(200);
    expect(kept.body.state).toBe('fulfilled');
    const office = await callApi(platform, 'GET', '/commitments?department=dept-market&state=fulfilled', 'creditOffice', 'credit-office');
    expect(office.body.commitments.map((c: any) => c.recordId)).toEqual([id]);
  });
});
