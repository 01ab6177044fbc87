import { formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, onOrNextWorkingDay, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';

/**
 * When a narrative filing falls due (工作总结, 制度、政策和措施), on the cadence its county file states
 * (`filings.kinds[].due`). Pure: dates in, dates out.
 *
 * Period ids: `2026-H1` (a fixed date of the year, by its code in the county file), `2026-Q3` (a quarter, due by
 * `dueDay` of the month after it), `2026-11` (a month, likewise). The due day is moved to the next working day
 * when it is not one (Civil Code Art. 203).
 */
export type FilingKind = CountyConfig['filings']['kinds'][number];

export interface FilingPeriod {
  kind: string;
  id: string;
  /** As people read it: 2026年上半年工作总结, 2026年第三季度使用情况及制度、政策和措施. */
  name: string;
  /** The day the county file names, before a holiday moves it. */
  statedDueDay: IsoDate;
  /** The last day to file on time. */
  dueDay: IsoDate;
}

const quarterNames = ['一', '二', '三', '四'];
const firstYear = 2000;
const lastYear = 2099;

/** Every period of `kind` in `year` (the year in its id), in order of due day. */
export function periodsOfYear(kind: FilingKind, year: number, calendar: WorkingDayCalendar): FilingPeriod[] {
  const due = kind.due;
  const periods: FilingPeriod[] =
    due.cadence === 'fixed'
      ? due.dates.map((d) => period(kind, `${year}-${d.period}`, `${year}年${d.name}`, `${year}-${d.monthDay}`, calendar))
      : due.cadence === 'quarterly'
        ? [1, 2, 3, 4].map((q) => period(kind, `${year}-Q${q}`, `${year}年第${quarterNames[q - 1]}季度${kind.name}`, monthAfter(year, q * 3, due.dueDay), calendar))
        : Array.from({ length: 12 }, (_, i) => period(kind, `${year}-${String(i + 1).padStart(2, '0')}`, `${year}年${i + 1}月${kind.name}`, monthAfter(year, i + 1, due.dueDay), calendar));
  return periods.sort((a, b) => a.dueDay.localeCompare(b.dueDay));
}

function period(kind: FilingKind, id: string, name: string, statedDueDay: IsoDate, calendar: WorkingDayCalendar): FilingPeriod {
  return { kind: kind.id, id, name, statedDueDay, dueDay: onOrNextWorkingDay(statedDueDay, calendar) };
}

/** `day` of the month after `month` of `year`. */
function monthAfter(year: number, month: number, day: number): IsoDate {
  return month === 12 ? formatIsoDate(year + 1, 1, day) : formatIsoDate(year, month + 1, day);
}

/** How this kind's periods are written, for error messages. */
export function periodIdRule(kind: FilingKind): string {
  const due = kind.due;
  if (due.cadence === 'fixed') return `must be YYYY-<code>, the code one of ${due.dates.map((d) => `${d.period} (${d.name}, due ${d.monthDay})`).join(', ')} (e.g. 2026-${due.dates[0]!.period})`;
  if (due.cadence === 'quarterly') return `must be a quarter written YYYY-Qn, n from 1 to 4 (e.g. 2026-Q3): "${kind.name}" is due quarterly`;
  return `must be a month written YYYY-MM (e.g. 2026-11): "${kind.name}" is due monthly`;
}

/** The period an id names, or a 400 naming `field` and the kind's rule. */
export function parseFilingPeriod(kind: FilingKind, id: string, calendar: WorkingDayCalendar, field = 'body.period'): FilingPeriod {
  const match = /^(\d{4})-([A-Z0-9]{1,4})$/.exec(id);
  const year = match ? Number(match[1]) : NaN;
  const found = match && year >= firstYear && year <= lastYear ? periodsOfYear(kind, year, calendar).find((p) => p.id === id) : undefined;
  if (!found) throw validationFailed(field, periodIdRule(kind));
  return found;
}

/** Periods of `kind` whose due day falls in `from`..`to` (inclusive), in order of due day. */
export function periodsDueBetween(kind: FilingKind, from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): FilingPeriod[] {
  const [a, b] = [parseIsoDate(from).year, parseIsoDate(to).year];
  const periods: FilingPeriod[] = [];
  // A period's due day is at most a few weeks after its year ends (Q4, December), so the year before is enough.
  for (let y = Math.max(firstYear, a - 1); y <= Math.min(lastYear, b); y++) periods.push(...periodsOfYear(kind, y, calendar));
  return periods.filter((p) => p.dueDay >= from && p.dueDay <= to).sort((x, y) => x.dueDay.localeCompare(y.dueDay) || x.id.localeCompare(y.id));
}

/** Whether `today` is within the kind's reminder days before the period's due day (the due day itself included). */
export function inReminderWindow(kind: FilingKind, period: FilingPeriod, today: IsoDate, calendar: WorkingDayCalendar): boolean {
  return today <= period.dueDay && addWorkingDays(today, kind.reminderWorkingDays, calendar) >= period.dueDay;
}

/** On time when filed on or before the due day (county-local days). */
export const filedLate = (filedOn: IsoDate, period: FilingPeriod): boolean => filedOn > period.dueDay;

/** A period's state for a department on `today`. */
export type FilingState = 'onTime' | 'late' | 'missing' | 'notYetDue';
export function filingState(period: FilingPeriod, firstFiledOn: IsoDate | undefined, today: IsoDate): FilingState {
  if (firstFiledOn) return filedLate(firstFiledOn, period) ? 'late' : 'onTime';
  return today > period.dueDay ? 'missing' : 'notYetDue';
}
