import { addDays, daysInMonth, localDate, type IsoDate } from '../calendar/dates.ts';
import { workingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { listDepartments } from '../departments/port.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { inReminderWindow, periodsDueBetween, type FilingKind, type FilingPeriod, type FilingState } from './filing-periods.ts';
import { periodStanding } from './list-filings.ts';

export interface FilingDue {
  orgId: string;
  kind: string;
  period: string;
  dueDay: string;
  state: FilingState;
  filedOn?: string;
}

/**
 * For the bulletin and the assessment: every registered department × every filing due in `month` (YYYY-MM, by
 * its due day after holidays), with its state as of `now` (county-local). A department registered after a due
 * day owes nothing for it. Reads the register once and, per period, who filed it (one index query).
 */
export async function filingsDueInMonth(args: { month: string; county: CountyConfig; now: Date }): Promise<FilingDue[]> {
  const { month, county, now } = args;
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw validationFailed('month', 'must be a month written YYYY-MM');
  const [year, m] = [Number(match[1]), Number(match[2])];
  const calendar = workingDayCalendar(county.calendar);
  const periods = county.filings.kinds.flatMap((kind) => periodsDueBetween(kind, `${month}-01`, `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`, calendar));
  if (periods.length === 0) return [];
  const today = localDate(now, county.timeZone);
  const { departments } = await listDepartments();
  const due: FilingDue[] = [];
  for (const p of periods) {
    const { rows } = await periodStanding(p, departments, county, today);
    for (const r of rows) due.push({ orgId: r.orgId, kind: p.kind, period: p.id, dueDay: p.dueDay, state: r.state, ...(r.filedOn ? { filedOn: r.filedOn } : {}) });
  }
  return due;
}

/** How far back the overdue scan looks for periods past their due day: a missed run is caught up, the notice is once. */
export const overdueLookbackDays = 62;

/**
 * The periods the daily scan looks at on `today` (pure): those in a kind's reminder days (to remind who has not
 * filed), and those past their due day within the lookback (to tell who has not filed, and the credit office).
 */
export function filingPeriodsToWatch(county: CountyConfig, calendar: WorkingDayCalendar, today: IsoDate): { reminders: FilingPeriod[]; overdue: FilingPeriod[] } {
  const reminders: FilingPeriod[] = [];
  const overdue: FilingPeriod[] = [];
  for (const kind of county.filings.kinds as FilingKind[]) {
    // A reminder window is at most 30 working days: 60 calendar days ahead covers it across any holiday.
    reminders.push(...periodsDueBetween(kind, today, addDays(today, 60), calendar).filter((p) => inReminderWindow(kind, p, today, calendar)));
    overdue.push(...periodsDueBetween(kind, addDays(today, -overdueLookbackDays), addDays(today, -1), calendar));
  }
  return { reminders, overdue };
}
