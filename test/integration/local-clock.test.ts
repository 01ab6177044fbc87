/**
 * The local platform's clock (time advanced, not slept) and injected faults: HTTP handlers, background
 * functions and Step Functions follow the moved clock; it survives a restart and never goes back; a
 * function made to fail fails that many times, then works again. How a moved clock times out a waiting
 * task is tested in test/local/stepfunctions.test.ts.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { durationMs, startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';

const county = loadCounty('wuchang');
const dataDir = mkdtempSync(join(tmpdir(), 'credit-platform-clock-'));
const day = 24 * 3600 * 1000;
let platform: LocalPlatform;

const start = (extra: { clock?: string } = {}) => startLocalPlatform({ county, dataDir, port: 0, demo: false, log: () => undefined, ...extra });
const aws = () => ({ region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });
const sfn = () => new SFNClient({ ...aws(), endpoint: platform.endpoints.stepfunctions });
const getJson = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${platform.apiUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as any };
};
const postClock = async (body: unknown) => {
  const response = await fetch(`${platform.apiUrl}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

const startedAt = new Date(Date.now() + day); // the --clock start option: tomorrow, this time

let startingAt = 0;
beforeAll(async () => {
  startingAt = Date.now();
  platform = await start({ clock: startedAt.toISOString() });
});
afterAll(() => platform?.stop());

it('gives HTTP handlers and background functions the moved time', async () => {
  // The clock started at `startedAt` and has run since at the normal pace: no more than the time since starting.
  const sinceStart = platform.clock.now().getTime() - startedAt.getTime();
  expect(sinceStart).toBeGreaterThan(-1000);
  expect(sinceStart).toBeLessThan(Date.now() - startingAt + 1000);
  const tomorrow = localDate(platform.clock.now(), county.timeZone);
  expect(tomorrow > localDate(new Date(), county.timeZone)).toBe(true);
  const before = await getJson('/public/county');
  expect(before.body.date).toBe(tomorrow);

  await platform.clock.advance(durationMs('P20D'));
  const travelled = platform.clock.now();
  expect(travelled.getTime() - Date.now()).toBeGreaterThan(21 * day - 1000);
  expect(Math.abs(Date.parse((await getJson('/_local/clock')).body.now) - travelled.getTime())).toBeLessThan(5000);

  // The public profile's "today" and its deadline arithmetic are those of the moved day.
  const after = await getJson('/public/county');
  expect(after.status).toBe(200);
  expect(after.body.date).toBe(localDate(platform.clock.now(), county.timeZone));
  expect(after.body.date > tomorrow).toBe(true);
  expect(after.body.objectionAnswerDeadlineForNoticeToday > before.body.objectionAnswerDeadlineForNoticeToday).toBe(true);

  // A scheduled function run now runs as of the moved time.
  const calendar = (await platform.invoke('check-calendar')) as { date: string };
  expect(calendar.date).toBe(localDate(platform.clock.now(), county.timeZone));

  // Every background handler gets `now` on the moved clock.
  const probe = backgroundHandler(z.object({}), async ({ now }) => now);
  const context = { functionName: 'probe', awsRequestId: 'probe', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:probe', memoryLimitInMB: '128', getRemainingTimeInMillis: () => 1000 } as Context;
  const seen = await probe({}, context);
  expect(Math.abs(seen.getTime() - platform.clock.now().getTime())).toBeLessThan(5000);

  // Step Functions dates (and deadlines: test/local/stepfunctions.test.ts) are on it too.
  const { startDate } = await sfn().send(new StartExecutionCommand({ stateMachineArn: platform.names.workflowArns.verification, input: '{}' }));
  expect(Math.abs(startDate!.getTime() - platform.clock.now().getTime())).toBeLessThan(5000);
});

it('never moves the clock back, and says what it accepts', async () => {
  const before = platform.clock.now().getTime();
  await expect(platform.clock.set(new Date())).rejects.toThrow(/moves forward only/);
  await expect(platform.clock.advance(-1)).rejects.toThrow(/≥ 0/);
  await expect(platform.clock.set('2030-01-01')).rejects.toThrow(/ISO date-time with its offset/);
  expect((await postClock({ set: new Date().toISOString() })).body.error).toMatchObject({ code: 'CLOCK_REFUSED', message: expect.stringMatching(/forward only/) });
  expect((await postClock({ advance: 'P1M' })).status).toBe(400);
  expect((await postClock({ advance: 'P1D', set: '2030-01-01T00:00:00Z' })).status).toBe(400);
  expect(platform.clock.now().getTime() - before).toBeLessThan(5000);

  const moved = await postClock({ advance: 'PT36H' });
  expect(moved.status).toBe(200);
  expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(36 * 3600 * 1000);
  expect((await postClock({ advance: 60_000 })).status).toBe(200);
  expect(durationMs('P1W2DT3H4M5.5S')).toBe(((9 * 24 + 3) * 60 + 4) * 60_000 + 5500);
  expect(() => durationMs('P')).toThrow();
});

it('fails a function the given number of times, then runs it again', async () => {
  const token = await platform.token('department', 'dept-a');
  const me = () => fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  platform.faults.failNext('get-caller', 1);
  expect(await me()).toBe(500);
  expect(await me()).toBe(200);

  // Any trigger: the error carries the given name, which a state machine's Retry/Catch would match.
  platform.faults.failNext('check-calendar', 2, 'Lambda.ServiceException');
  for (let i = 0; i < 2; i += 1) await expect(platform.invoke('check-calendar')).rejects.toMatchObject({ name: 'Lambda.ServiceException' });
  expect(await platform.invoke('check-calendar')).toMatchObject({ date: expect.any(String) });

  platform.faults.failNext('get-caller', 5);
  platform.faults.clear();
  expect(await me()).toBe(200);
  expect(() => platform.faults.failNext('no-such-function', 1)).toThrow(/no function named/);
});

it('keeps the travelled time across a restart of the same data folder', async () => {
  const travelled = platform.clock.now().getTime();
  expect(travelled - Date.now()).toBeGreaterThan(20 * day);
  await platform.stop();
  expect(existsSync(join(dataDir, 'clock.json'))).toBe(true);

  // Starting earlier than the data folder's clock is refused, before anything starts.
  await expect(start({ clock: new Date().toISOString() })).rejects.toThrow(/moves forward only/);

  const restarting = Date.now();
  platform = await start();
  const after = platform.clock.now().getTime();
  expect(after).toBeGreaterThanOrEqual(travelled);
  expect(after - travelled).toBeLessThan(Date.now() - restarting + 5000); // the time spent restarting, no more
  expect((await getJson('/public/county')).body.date).toBe(localDate(platform.clock.now(), county.timeZone));
}, 180_000); // a stop and a start of every emulator: minutes on a busy two-CPU machine
