import type { CountyConfig } from '../config/county-config.ts';
import { addDays, daysInMonth, formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import { onOrNextWorkingDay, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { validationFailed } from '../errors/domain-errors.ts';

/**
 * The periods a department reports its use of credit records for (使用情况清单), on the county's cadence
 * (`usageList` in its file): months (Zanhuang: by the 25th; Lianjiang: by the 15th), quarters (Wuchang),
 * and the county's fixed summaries (Lianjiang: 上半年工作总结 by 15 July, 年度工作总结 by 15 December).
 * Pure: dates in, dates out; the working-day calendar moves a due day off weekends and holidays.
 *
 * Period ids: `2026-11` (a month), `2026-Q4` (a quarter), `2026-S1` (the first summary of the county's
 * `summaries`, in the order of its file).
 */
export type UsageListCadence = CountyConfig['usageList'];
export type UsagePeriodKind = 'month' | 'quarter' | 'summary';

export interface UsagePeriod {
  id: string;
  kind: UsagePeriodKind;
  /** The period's name in the exports and notices, e.g. 2026年11月, 2026年第四季度, 2026年上半年工作总结. */
  name: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /**
   * The last day to submit: the county's `dueDay` of the month after the period (a summary: its own
   * `dueMonthDay`), moved to the next working day when it is not one (Civil Code Art. 203).
   */
  dueDay: IsoDate;
}

const quarterNames = ['一', '二', '三', '四'];
const monthlyId = /^(\d{4})-(\d{2})$/;
const quarterlyId = /^(\d{4})-Q(\d)$/;
const summaryId = /^(\d{4})-S(\d{1,2})$/;
const firstYear = 2000;
const lastYear = 2099;

/** How a period of this county is written, for error messages. */
export function periodIdRule(cadence: UsageListCadence): string {
  const regular =
    cadence.period === 'monthly'
      ? 'a month written YYYY-MM (e.g. 2026-11)'
      : 'a quarter written YYYY-Qn, n from 1 to 4 (e.g. 2026-Q4)';
  const summaries = cadence.summaries.length
    ? `, or a summary written YYYY-Sn (${cadence.summaries.map((s, i) => `S${i + 1} ${s.name}`).join(', ')})`
    : '';
  return `must be ${regular}${summaries}: this county's usage lists are ${cadence.period}`;
}

/**
 * The period an id names, or a 400 naming `field` and the county's rule: a month id in a quarterly
 * county (or the reverse), a month 13, a summary the county does not have are all refused.
 */
export function parseUsagePeriod(id: string, cadence: UsageListCadence, calendar: WorkingDayCalendar, field = 'path.period'): UsagePeriod {
  const refuse = () => validationFailed(field, periodIdRule(cadence));
  const inYears = (year: number) => year >= firstYear && year <= lastYear;
  let match: RegExpExecArray | null;
  if (cadence.period === 'monthly' && (match = monthlyId.exec(id))) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (!inYears(year) || month < 1 || month > 12) throw refuse();
    return regularPeriod(year * 12 + month - 1, cadence, calendar);
  }
  if (cadence.period === 'quarterly' && (match = quarterlyId.exec(id))) {
    const [year, quarter] = [Number(match[1]), Number(match[2])];
    if (!inYears(year) || quarter < 1 || quarter > 4) throw refuse();
    return regularPeriod(year * 4 + quarter - 1, cadence, calendar);
  }
  if ((match = summaryId.exec(id))) {
    const [year, index] = [Number(match[1]), Number(match[2])];
    if (!inYears(year) || index < 1 || index > cadence.summaries.length) throw refuse();
    return summaryPeriod(year, index, cadence, calendar);
  }
  throw refuse();
}

/** The regular period (month or quarter) that contains `day`. */
export function periodContaining(day: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod {
  return regularPeriod(regularIndexOf(day, cadence), cadence, calendar);
}

/** Every period (regular and summary) whose due day is `day`: the days reminders and overdue notices key on. */
export function periodsDueOn(day: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod[] {
  return candidatesAround(day, cadence, calendar).filter((p) => p.dueDay === day);
}

/** Every period (regular and summary) whose last day was the day before `day`: `day` is the first day it can be submitted. */
export function periodsJustEnded(day: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod[] {
  const yesterday = addDays(day, -1);
  return candidatesAround(day, cadence, calendar).filter((p) => p.lastDay === yesterday);
}

/**
 * The periods whose due day is before `today`, bounded: the last `count` regular periods so due, and
 * the summaries due since the earliest of them. Newest first. What the overdue scan looks at.
 */
export function periodsDueBefore(today: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar, count = 3): UsagePeriod[] {
  const regular: UsagePeriod[] = [];
  for (let index = regularIndexOf(today, cadence); regular.length < count; index -= 1) {
    const period = regularPeriod(index, cadence, calendar);
    if (period.dueDay < today) regular.push(period);
  }
  const since = regular[regular.length - 1]!.dueDay;
  const { year } = parseIsoDate(today);
  const summaries = [year - 2, year - 1, year].flatMap((y) =>
    cadence.summaries.map((_, i) => summaryPeriod(y, i + 1, cadence, calendar)).filter((p) => p.dueDay < today && p.dueDay >= since),
  );
  return [...regular, ...summaries].sort((a, b) => b.dueDay.localeCompare(a.dueDay) || a.id.localeCompare(b.id));
}

/** The first due day of a regular period on or after `date` (the county profile's "next due"). */
export function nextUsageListDue(date: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar): IsoDate {
  // The period due next ended before `date`'s period began (or is that period): start two back.
  for (let index = regularIndexOf(date, cadence) - 2; ; index += 1) {
    const { dueDay } = regularPeriod(index, cadence, calendar);
    if (dueDay >= date) return dueDay;
  }
}

/** Whether the period has ended as of `today` (a list of an unfinished period is a preview, `complete: false`). */
export const periodEnded = (period: UsagePeriod, today: IsoDate): boolean => period.lastDay < today;
/** Whether the period has begun as of `today` (a period that has not is in the future: refused). */
export const periodStarted = (period: UsagePeriod, today: IsoDate): boolean => period.firstDay <= today;

function regularIndexOf(day: IsoDate, cadence: UsageListCadence): number {
  const { year, month } = parseIsoDate(day);
  return cadence.period === 'monthly' ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/** A month (index year*12 + month-1) or a quarter (index year*4 + quarter-1). */
function regularPeriod(index: number, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod {
  if (cadence.period === 'monthly') {
    const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    const lastDay = formatIsoDate(year, month, daysInMonth(year, month));
    return { id: `${year}-${String(month).padStart(2, '0')}`, kind: 'month', name: `${year}年${month}月`, firstDay: formatIsoDate(year, month, 1), lastDay, dueDay: dueInMonthAfter(lastDay, cadence.dueDay, calendar) };
  }
  const [year, quarter] = [Math.floor(index / 4), (index % 4) + 1];
  const lastMonth = quarter * 3;
  const lastDay = formatIsoDate(year, lastMonth, daysInMonth(year, lastMonth));
  return {
    id: `${year}-Q${quarter}`,
    kind: 'quarter',
    name: `${year}年第${quarterNames[quarter - 1]}季度`,
    firstDay: formatIsoDate(year, lastMonth - 2, 1),
    lastDay,
    dueDay: dueInMonthAfter(lastDay, cadence.dueDay, calendar),
  };
}

/**
 * Summary `index` (1-based, the county file's order) of `year`: from 1 January to the end of the month
 * before its due date (a summary due in January covers the whole year before it), due on its `dueMonthDay`.
 */
function summaryPeriod(year: number, index: number, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod {
  const summary = cadence.summaries[index - 1]!;
  const [dueMonth, dueDate] = summary.dueMonthDay.split('-').map(Number) as [number, number];
  const lastDay = dueMonth === 1 ? formatIsoDate(year, 12, 31) : formatIsoDate(year, dueMonth - 1, daysInMonth(year, dueMonth - 1));
  const due = formatIsoDate(dueMonth === 1 ? year + 1 : year, dueMonth, dueDate);
  return { id: `${year}-S${index}`, kind: 'summary', name: `${year}年${summary.name}`, firstDay: formatIsoDate(year, 1, 1), lastDay, dueDay: onOrNextWorkingDay(due, calendar) };
}

/** The county's due day of the month after `lastDay`, moved to the next working day. */
function dueInMonthAfter(lastDay: IsoDate, dueDay: number, calendar: WorkingDayCalendar): IsoDate {
  const next = addDays(lastDay, 1);
  const { year, month } = parseIsoDate(next);
  return onOrNextWorkingDay(formatIsoDate(year, month, dueDay), calendar);
}

/** Periods that may end or fall due near `day`: regular periods a few back and the summaries of this year and the last. */
function candidatesAround(day: IsoDate, cadence: UsageListCadence, calendar: WorkingDayCalendar): UsagePeriod[] {
  const index = regularIndexOf(day, cadence);
  const regular = [index - 3, index - 2, index - 1].map((i) => regularPeriod(i, cadence, calendar));
  const { year } = parseIsoDate(day);
  const summaries = [year - 1, year].flatMap((y) => cadence.summaries.map((_, i) => summaryPeriod(y, i + 1, cadence, calendar)));
  return [...regular, ...summaries];
}
