/**
 * Time travel keeps the schedules (issue 13 §7): moving the local clock forward runs every scheduled
 * function that fell due in the skipped time, once per occurrence and in order, as EventBridge Scheduler
 * would have, each with its own scheduled time; a second move runs only what is newly due.
 */
import { functions } from '../../functions/catalog.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { testDate } from '../support/test-date.ts';

const county = loadCounty('zanhuang');
let platform: LocalPlatform;
const logs: Record<string, any>[] = [];
const allRuns = () => logs.filter((e) => e.message === 'schedule ran' || e.message === 'schedule failed').map((e) => `${e.scheduledTime} ${e.function}`);
/**
 * The minutely sweeps (the exchange's dispatcher, the usage log's sequencer) run with `catchUp: 'latest'`: a jump runs
 * each once, at the jump's last minute, and the real minutes that pass while the suite runs add runs of their own;
 * they are asserted apart.
 */
const sweeps = functions.flatMap((f) => (f.trigger.type === 'schedule' && 'catchUp' in f.trigger && f.trigger.catchUp === 'latest' ? [f.name] : []));
const sweep = (run: string) => sweeps.some((name) => run.endsWith(` ${name}`));
const ran = () => allRuns().filter((r) => !sweep(r));
/** 06:30, 07:00, 07:30, 08:00, 08:30 and 09:00 in Beijing are 22:30, 23:00, 23:30, 00:00, 00:30 and 01:00 UTC: the runs of `day`, by the catalog's crons. */
const runsOf = (day: string) => [
  `${addDays(day, -1)}T22:30:00.000Z reconcile-cases`,
  `${addDays(day, -1)}T23:00:00.000Z overdue-scan`,
  `${addDays(day, -1)}T23:30:00.000Z follow-up-commitments`,
  `${day}T00:00:00.000Z close-usage-period`,
  `${day}T00:30:00.000Z prepare-bulletin`,
  ...(day.endsWith('-01') ? [`${day}T01:00:00.000Z check-calendar`] : []),
];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'clock-schedules', { schedules: true, log: (e) => void logs.push(e) });
  expect((await callApi(platform, 'POST', '/departments', 'creditOffice', 'credit-office', { orgId: 'dept-a', name: '赞皇县甲局' })).status).toBe(201);
});
afterAll(() => platform?.stop());

describe('a jump of 45 days', () => {
  it('runs each daily and monthly schedule once per day it skipped, in order, with that day as its time', async () => {
    expect(ran()).toEqual([]);
    const answer = await fetch(`${platform.apiUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P45D' }) });
    expect(answer.status).toBe(200);
    const expected = Array.from({ length: 45 }, (_, i) => runsOf(addDays(testDate, i + 1))).flat();
    expect(ran()).toEqual(expected);
    // Each minutely sweep: once for the 45 days, at the last minute of the jump (09:00 in Beijing), not 64,800 times.
    expect(sweeps.sort()).toEqual(['dispatch-exchange', 'sequence-usage-log']);
    expect(allRuns().filter(sweep).filter((r) => r > addDays(testDate, 1)).sort()).toEqual(sweeps.map((name) => `${addDays(testDate, 45)}T01:00:00.000Z ${name}`));
    expect(logs.filter((e) => e.message === 'schedule failed')).toEqual([]);
  });

  it('did what those days owed: the period close reminded the department of the month that ended', () => {
    const reminders = sentNotices(platform).filter((n) => n.kind === 'usage-list-reminder' && n.addressee === 'dept-a');
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.map((n) => n.about)).toContain(`dept-a#${testDate.slice(0, 7)}#draft`);
  });

  it('drafted the monthly bulletin of each month that ended, once, on its draft day', async () => {
    const drafted = sentNotices(platform).filter((n) => n.kind === 'bulletin-drafted');
    // 45 days from the test day pass one draft day at least (the county's day of the month, after each month's end).
    expect(drafted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(drafted.map((n) => n.about)).size).toBe(drafted.length);
    const list = await callApi(platform, 'GET', '/bulletins', 'creditOffice', 'credit-office');
    expect(list.body.bulletins.map((b: { month: string }) => b.month).sort()).toEqual(drafted.map((n) => n.about).sort());
  });

  it('a second move runs only what is newly due; a move of nothing runs nothing', async () => {
    const before = ran().length;
    await platform.clock.advance(0);
    expect(ran().length).toBe(before);
    const sweepsBefore = allRuns().filter(sweep).length;
    await platform.clock.advance(86_400_000);
    expect(ran().slice(before)).toEqual(runsOf(addDays(testDate, 46)));
    for (const name of sweeps) expect(allRuns().filter(sweep).slice(sweepsBefore).filter((r) => r.endsWith(name)).at(-1)).toMatch(new RegExp(`^${addDays(testDate, 46)}T01:0\\d:00\\.000Z ${name}$`));
  });
});
