import { addDays, daysInMonth, formatIsoDate, type IsoDate } from '../calendar/dates.ts';

/** A county-local month `YYYY-MM`: its first and last day. */
export function monthDays(month: string): { first: IsoDate; last: IsoDate } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { first: formatIsoDate(year, m, 1), last: formatIsoDate(year, m, daysInMonth(year, m)) };
}

/** The month of a day, `YYYY-MM`. */
export const monthOf = (day: IsoDate): string => day.slice(0, 7);

/** The month before, `YYYY-MM`. */
export const previousMonth = (month: string): string => monthOf(addDays(monthDays(month).first, -1));
