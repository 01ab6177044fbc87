/**
 * The day the suites run "on", whatever day it is: no test reads the system clock for its scenario.
 *
 * `TEST_DATE` (an ISO date) sets it; without it, the suites run on a fixed day. CI runs the
 * date-sensitive suites once per date of `test/dates.json` (month starts and ends, quarter ends, the
 * work-summary days, Spring Festival, an adjusted working Saturday, a year the calendar does not know).
 * Test platforms start with their clock at 09:00 of that day in the county's time (the platform clock may
 * start before the system clock on a fresh data folder), and tests move it forward from there.
 */
import { readFileSync } from 'node:fs';
import { parseIsoDate, type IsoDate } from '../../shared/calendar/dates.ts';

/** The day the suites were written on; the default when TEST_DATE is not set. */
export const defaultTestDate = '2026-11-23';

function fromEnv(): IsoDate {
  const raw = process.env.TEST_DATE?.trim();
  if (!raw) return defaultTestDate;
  try {
    parseIsoDate(raw);
  } catch {
    throw new Error(`TEST_DATE must be a calendar date YYYY-MM-DD, not ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Today, for the suites. */
export const testDate: IsoDate = fromEnv();

/** 09:00 on the test date in Beijing time, as a platform clock start (every county is in Asia/Shanghai). */
export const testClockStart = `${testDate}T09:00:00+08:00`;

/** The dates CI runs the date-sensitive suites at, each with why it is there. */
export interface MatrixDate {
  date: IsoDate;
  why: string;
}
export const dateMatrix = (): MatrixDate[] =>
  (JSON.parse(readFileSync(new URL('../dates.json', import.meta.url), 'utf8')) as { dates: MatrixDate[] }).dates;
