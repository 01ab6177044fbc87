import * as z from 'zod';
import { validationDay } from '../time/request-day.ts';
import { parseIsoDate, type IsoDate } from './dates.ts';

/**
 * The one schema of every date the platform takes (bodies, queries, paths, county files): `YYYY-MM-DD`,
 * a real calendar day (no 2026-02-30, no 2026-13-01), within a plausible range. Date arithmetic
 * (`addDays`, working days, month ends) may then run on it without a RangeError.
 *
 * - No date before the People's Republic (1949-10-01): no decision, licence or listing of this
 *   platform's law is older. Birth dates inside resident IDs have their own rule (1900 on, shared/subjects).
 * - No date after 2099-12-31: the last day of the years the platform computes periods for; the national
 *   dual-publicity standard writes a licence valid without end as 2099-12-31.
 * - `notAfterToday` (a decision, an issue date): not after the county-local day of the request
 *   (shared/time/request-day.ts), when the parse runs for a request.
 */
export const earliestDate: IsoDate = '1949-10-01';
export const latestDate: IsoDate = '2099-12-31';

export interface DateRule {
  /** The first day allowed; `earliestDate` by default. */
  notBefore?: IsoDate;
  /** Refuse a day after today (the request's county-local day). */
  notAfterToday?: boolean;
}

export const dateFormatRule = 'must be a date written YYYY-MM-DD';
export const realDateRule = 'must be a real date written YYYY-MM-DD';

/** The rule `value` breaks, in words that read after a field name; undefined when it is a date the rule allows. */
export function dateProblem(value: string, rule: DateRule = {}, today: IsoDate | undefined = validationDay()): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateFormatRule;
  try {
    parseIsoDate(value);
  } catch {
    return realDateRule;
  }
  const notBefore = rule.notBefore ?? earliestDate;
  if (value < notBefore) return `must not be before ${notBefore}`;
  if (value > latestDate) return `must not be after ${latestDate}`;
  if (rule.notAfterToday && today !== undefined && value > today) return `must not be after today (${today})`;
  return undefined;
}

export const isAllowedDate = (value: string, rule: DateRule = {}): boolean => dateProblem(value, rule) === undefined;

/** A zod string that is a date `rule` allows; `error` words a missing or non-string value. */
export const calendarDate = (rule: DateRule = {}, error?: (issue: { input?: unknown }) => string) =>
  z.string(error ? { error } : undefined).superRefine((value, ctx) => {
    const problem = dateProblem(value, rule);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
