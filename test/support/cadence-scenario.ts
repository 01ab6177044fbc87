/**
 * One county's usage-list cadence, end to end on the local platform, as time passes: the platform clock
 * moves forward across the end of a period and past its due day, the period close and the overdue scan
 * run on each of those days (as their schedules would), and each notice must appear exactly once.
 * Used by one test file per county: the platform's environment belongs to its process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, parseIsoDate, daysInMonth, formatIsoDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { workingDaysBefore } from '../../shared/cases/case-deadline.ts';
import { periodContaining } from '../../shared/usage-lists/usage-periods.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices } from './platform-api.ts';
import { testClockStart, testDate } from './test-date.ts';

/**
 * The scenario on `today`: the period containing it, its end, its due day and the reminder day, by the
 * county's own cadence and calendar.
 */
function scenarioOn(countyId: string, today: string) {
  const county = loadCounty(countyId);
  const calendar = workingDayCalendar(county.calendar);
  const current = periodContaining(today, county.usageList, calendar);
  return {
    countyId,
    period: current.id,
    lastDay: current.lastDay,
    dueDay: current.dueDay,
    reminderDay: workingDaysBefore(current.dueDay, 3, calendar),
    // Month ends inside the period and the day after a monthly due day: nothing of this period happens then.
    quietDays: [addDays(current.lastDay, -1), ...monthEndsBefore(today, current.lastDay)].filter((d, i, all) => d > today && all.indexOf(d) === i),
  };
}

/**
 * The scenario runs on the test date (test/support/test-date.ts; CI runs it at every date of
 * test/dates.json). The expectations spelled out in the test files for each of `expected`'s days are
 * checked against the cadence on those days, whatever day the suite runs.
 */
export function cadenceScenario(countyId: string, expected: Record<string, { period: string; dueDay: string; reminderDay: string }> = {}) {
  const county = loadCounty(countyId);
  const today = testDate;
  const s = scenarioOn(countyId, today);
  for (const [day, expectation] of Object.entries(expected))
    it(`${countyId}: the cadence gives the period, due day and reminder day expected on ${day}`, () => {
      const on = scenarioOn(countyId, day);
      expect({ period: on.period, dueDay: on.dueDay, reminderDay: on.reminderDay }).toEqual(expectation);
    });
  let platform: LocalPlatform;
  const code = (n: number) => {
    const first17 = `91${county.divisionCode}MP${String(n).padStart(7, '0')}`;
    return first17 + usccCheckCharacter(first17);
  };
  const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
  const notices = () => sentNotices(platform);
  const about = (kind: string, prefix: string) => notices().filter((n) => n.kind === kind && n.about.startsWith(prefix)).map((n) => n.about).sort();
  /** Moves the platform clock to 09:00 on `day` and runs both schedules as on that day, twice. */
  const liveThrough = async (day: string) => {
    if (platform.clock.now() < new Date(`${day}T09:00:00+08:00`)) await platform.clock.set(`${day}T09:00:00+08:00`);
    for (let run = 0; run < 2; run += 1) {
      await platform.invoke('close-usage-period', { date: day });
      await platform.invoke('overdue-scan', { date: day });
    }
  };

  beforeAll(async () => {
    platform = await startLocalPlatform({
      county,
      clock: testClockStart,
      dataDir: mkdtempSync(join(tmpdir(), `cadence-${s.countyId}-`)),
      port: 0,
      fresh: true,
      demo: false,
      log: () => undefined,
    });
    for (const [orgId, name] of [['dept-a', '甲局'], ['dept-b', '乙局']])
      expect((await call('POST', '/departments', 'creditOffice', 'credit-office', { orgId, name })).status).toBe(201);
    for (const orgId of ['dept-a', 'dept-b']) {
      const check = await call('POST', '/checks', 'department', orgId, { subjectId: code(1), matter: { type: 'procurement', reference: `${orgId}-1`, name: '采购项目' } });
      expect(check.status).toBe(201);
    }
  });
  afterAll(() => platform?.stop());

  it(`${s.countyId}: across the end of ${s.period} and past its due day ${s.dueDay}, each notice once, to the right department`, async () => {
    for (const day of s.quietDays) await liveThrough(day);
    expect(about('usage-list-reminder', 'dept-'), 'nothing of this period before it ends').toEqual([]);
    expect(about('usage-list-missing', 'dept-')).toEqual([]);

    // The day after the period ends: a draft and a reminder for each department.
    await liveThrough(addDays(s.lastDay, 1));
    expect(about('usage-list-reminder', 'dept-')).toEqual([`dept-a#${s.period}#draft`, `dept-b#${s.period}#draft`]);
    const draft = await call('GET', `/usage-lists/${s.period}`, 'department', 'dept-a');
    expect(draft.status).toBe(200);
    expect(draft.body.rows).toHaveLength(1);

    // dept-a submits; dept-b does not.
    const submitted = await call('POST', `/usage-lists/${s.period}/submit`, 'department', 'dept-a', { submitter: '张三' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);

    // Three working days before the due day: only dept-b is reminded.
    await liveThrough(s.reminderDay);
    expect(about('usage-list-reminder', `dept-b#${s.period}#due`)).toHaveLength(1);
    expect(about('usage-list-reminder', `dept-a#${s.period}#due`)).toEqual([]);

    // On the due day nothing is overdue yet; the day after, dept-b is, once, however often the scan runs.
    await liveThrough(s.dueDay);
    expect(about('usage-list-missing', 'dept-')).toEqual([]);
    for (const day of [addDays(s.dueDay, 1), addDays(s.dueDay, 2)]) await liveThrough(day);
    expect(about('usage-list-missing', 'dept-')).toEqual([`dept-b#${s.period}`]);
    const missing = notices().find((n) => n.kind === 'usage-list-missing');
    expect(missing).toMatchObject({ addressee: 'dept-b' });
    expect(missing.text).toContain('乙局');
    expect(missing.text).toContain(s.dueDay);

    // The compliance view agrees: dept-a on time, dept-b not submitted.
    const compliance = await call('GET', `/compliance?period=${s.period}`, 'creditOffice', 'credit-office');
    expect(compliance.status).toBe(200);
    const byDept = Object.fromEntries(compliance.body.departments.map((d: any) => [d.orgId, d]));
    expect(byDept['dept-a']).toMatchObject({ checks: { total: 1, withoutOutcome: 1 }, usageList: { state: 'submittedOnTime', dueDay: s.dueDay, revision: 1 } });
    expect(byDept['dept-b']).toMatchObject({ usageList: { state: 'overdue', dueDay: s.dueDay }, failings: expect.arrayContaining(['usageListMissing']) });
    expect(compliance.body.departments[0].orgId, 'worst first').toBe('dept-b');
  });
}

/** The last day of each month from `from`'s month up to (not including) `until`, and the day after each. */
function monthEndsBefore(from: string, until: string): string[] {
  const days: string[] = [];
  let { year, month } = parseIsoDate(from);
  for (;;) {
    const end = formatIsoDate(year, month, daysInMonth(year, month));
    if (end >= until) return days;
    days.push(end, addDays(end, 1));
    month += 1;
    if (month > 12) (month = 1), (year += 1);
  }
}
