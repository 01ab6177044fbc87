import chineseDays from 'chinese-days';
import type { CountyConfig } from '../config/county-config.ts';
import { addDays, addMonthsClamped, dayOfWeek, parseIsoDate, type IsoDate } from './dates.ts';

/**
 * Working days in mainland China: weekends and public holidays are off, adjusted working days (调休)
 * on weekends are on. The national data comes from `chinese-days` (maintained from the State Council's
 * yearly notices); a county's calendar overrides add what the library does not know yet.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** Whether the holidays of `year` are known (the library ships them, or the county file states them). */
  knowsYear(year: number): boolean;
}

/**
 * The library knows a year iff it names that year's New Year's Day (元旦) as a public holiday. Asking
 * only whether 01-01 is a day off is not enough: in a year it does not know, a 01-01 on a weekend is
 * off too (2028, 2033).
 */
const libraryKnowsYear = (year: number): boolean => chineseDays.getDayDetail(`${year}-01-01`).name.includes('元旦');

export function workingDayCalendar(overrides: CountyConfig['calendar']): WorkingDayCalendar {
  const holidays = new Set(overrides.holidays);
  const workdays = new Set(overrides.workdays);
  const complete = new Set(overrides.completeYears);
  return {
    isWorkingDay(date) {
      parseIsoDate(date);
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      return chineseDays.isWorkday(date);
    },
    knowsYear(year) {
      return complete.has(year) || libraryKnowsYear(year);
    },
  };
}

/**
 * The end of "within N working days" of `start`: the start day is not counted (Civil Code Art. 201),
 * the period ends on the N-th working day after it.
 */
export function addWorkingDays(start: IsoDate, workingDays: number, calendar: WorkingDayCalendar): IsoDate {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a positive integer');
  let date = start;
  let counted = 0;
  while (counted < workingDays) {
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  return date;
}

/** The first working day on or after `date` (Civil Code Art. 203: a period ending on a holiday ends on the next working day). */
export function onOrNextWorkingDay(date: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  let d = date;
  while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The end of a period of `months` from `start` (Arts. 201–203): same day number, clamped, moved off holidays. */
export function addCalendarMonths(start: IsoDate, months: number, calendar: WorkingDayCalendar): IsoDate {
  return onOrNextWorkingDay(addMonthsClamped(start, months), calendar);
}

export const isWeekend = (date: IsoDate): boolean => [0, 6].includes(dayOfWeek(date));

/** Whether every year from `from` to `to` (inclusive) has holidays the calendar knows. */
function knowsYearsBetween(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): boolean {
  for (let year = parseIsoDate(from).year; year <= parseIsoDate(to).year; year += 1) if (!calendar.knowsYear(year)) return false;
  return true;
}

/**
 * `addWorkingDays`, saying whether the answer may still move. For a year whose holidays are unknown
 * (neither the library nor the county file states them) the calendar treats only weekends as days off,
 * so a deadline counted through such a year is provisional: it will come later once that year's
 * holidays (Spring Festival above all) are added to the county file.
 */
export function workingDayDeadline(
  start: IsoDate,
  workingDays: number,
  calendar: WorkingDayCalendar,
): { date: IsoDate; provisional: boolean } {
  const date = addWorkingDays(start, workingDays, calendar);
  return { date, provisional: !knowsYearsBetween(addDays(start, 1), date, calendar) };
}

/**
 * `addCalendarMonths`, saying whether the answer may still move: a months period depends on the calendar
 * only where it ends (is that day a holiday, and which is the next working day). When that day or a day
 * it was moved over lies in a year whose holidays are unknown, only weekends were used: provisional.
 */
export function calendarPeriodEnd(
  start: IsoDate,
  months: number,
  calendar: WorkingDayCalendar,
): { date: IsoDate; provisional: boolean } {
  if (!Number.isInteger(months) || months < 0) throw new RangeError('months must be a non-negative integer');
  const end = addMonthsClamped(start, months);
  const date = onOrNextWorkingDay(end, calendar);
  return { date, provisional: !knowsYearsBetween(end, date, calendar) };
}
