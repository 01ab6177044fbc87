import { addDays, parseIsoDate, type IsoDate } from './dates.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/** How far ahead deadlines reach: 20 working days is about a month; a year-end objection reaches well into the next. */
export const calendarHorizonDays = 90;

/**
 * Years within the horizon whose holidays the calendar does not know. Deadlines that reach into such a
 * year count only weekends as days off, which is wrong around Spring Festival: the credit office must add
 * the year's holidays to the county file (calendar.holidays / calendar.workdays / calendar.completeYears).
 */
export function yearsMissingFromCalendar(today: IsoDate, calendar: WorkingDayCalendar, horizonDays = calendarHorizonDays): number[] {
  const first = parseIsoDate(today).year;
  const last = parseIsoDate(addDays(today, horizonDays)).year;
  const missing: number[] = [];
  for (let year = first; year <= last; year += 1) if (!calendar.knowsYear(year)) missing.push(year);
  return missing;
}
