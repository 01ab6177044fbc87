import { addDays, daysInMonth, formatIsoDate, localDate, type IsoDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { coverageOfMonth, accountabilityOfMonth, type AccountabilityCandidate } from '../coverage/port.ts';
import { listDepartments, registeredBy, type Department } from '../departments/port.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { filingsDueInMonth, type FilingDue } from '../filings/port.ts';
import { matterListStates, type MatterListStateRow } from '../matter-lists/port.ts';
import { periodsDueBefore, submissionsOfPeriod, type UsagePeriod } from '../usage-lists/port.ts';
import { departmentDays } from './compliance-view.ts';

/** A county-local month `YYYY-MM` read from `field`, with its first and last day. */
export function parseMonth(month: string, field: string): { month: string; first: IsoDate; last: IsoDate } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const [year, m] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || m < 1 || m > 12 || year < 2000 || year > 2100) throw validationFailed(field, `must be a month written YYYY-MM (e.g. 2026-11), got "${month}"`);
  return { month, first: formatIsoDate(year, m, 1), last: formatIsoDate(year, m, daysInMonth(year, m)) };
}

/** The month `n` months before (negative) or after `month`. */
export function shiftMonth(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export type UsageListInMonth = 'onTime' | 'late' | 'missing' | 'notDue';

/** What the office assesses of one department in one month (the bulletin's row, before scoring). */
export interface DepartmentMonthFacts {
  orgId: string;
  name: string;
  checks: number;
  withOutcome: number;
  mattersHandled: number;
  mattersChecked: number;
  coverage: number | null;
  latePublications: number;
  overdueAnswers: number;
  /** The usage list that fell due in the month (the worst, when two did). */
  usageList: UsageListInMonth;
  /** Filings due in the month: how many, and how many came on time. */
  filings: { due: number; onTime: number };
  /** The matter list at the month's end: approved, awaiting review, returned, none. */
  matterList: MatterListStateRow['state'];
  accountabilityCandidates: number;
}

export interface MonthFacts {
  month: string;
  /** The county-local day the facts were read; a month not yet over is `complete: false`. */
  asOf: IsoDate;
  complete: boolean;
  departments: DepartmentMonthFacts[];
  accountability: AccountabilityCandidate[];
}

const listRank: Record<UsageListInMonth, number> = { missing: 3, late: 2, onTime: 1, notDue: 0 };

/** The usage-list periods whose due day falls in the month (pure). */
export function usagePeriodsDueIn(month: { first: IsoDate; last: IsoDate }, county: CountyConfig): UsagePeriod[] {
  const calendar = workingDayCalendar(county.calendar);
  return periodsDueBefore(addDays(month.last, 1), county.usageList, calendar, 6).filter((p) => p.dueDay >= month.first && p.dueDay <= month.last);
}

/**
 * The supervision facts of a month, per registered department: checks and outcomes (usage log), late
 * publications and overdue answers (its records and cases by time), the usage list due in the month, filings
 * due, the matter list, coverage and the accountability candidates (coverage port). Every read is an index
 * key range bounded by the month, per department, or one query for all (the register, submissions, lists).
 */
export async function monthFacts(args: { month: string; county: CountyConfig; now: Date }): Promise<MonthFacts> {
  const { county, now } = args;
  const month = parseMonth(args.month, 'month');
  const today = localDate(now, county.timeZone);
  if (month.first > today) throw validationFailed('query.month', `is in the future: ${month.month} has not begun`);
  const periods = usagePeriodsDueIn(month, county);
  const [{ departments }, submissions, filings, lists, coverage, accountability] = await Promise.all([
    listDepartments(),
    Promise.all(periods.map((p) => submissionsOfPeriod(p.id))),
    filingsDueInMonth({ month: month.month, county, now }),
    matterListStates(),
    coverageOfMonth({ month: month.month, county, now }),
    accountabilityOfMonth({ month: month.month, county, now }),
  ]);
  const registered = departments.filter((d) => registeredBy(d, month.last, county.timeZone)).sort((a, b) => a.orgId.localeCompare(b.orgId));
  const rows: DepartmentMonthFacts[] = [];
  for (let i = 0; i < registered.length; i += 4)
    rows.push(
      ...(await Promise.all(
        registered.slice(i, i + 4).map(async (d) => {
          const usageList = periods
            .map((p, j): UsageListInMonth => {
              const s = submissions[j]!.get(d.orgId);
              if (s) return s.late ? 'late' : 'onTime';
              return p.dueDay < today ? 'missing' : 'notDue';
            })
            .sort((a, b) => listRank[b] - listRank[a])[0] ?? 'notDue';
          return departmentFacts(d, month, county, today, {
            usageList,
            filings: filings.filter((f) => f.orgId === d.orgId),
            matterList: lists.find((l) => l.orgId === d.orgId)?.state ?? 'none',
            coverage: coverage.departments.find((c) => c.orgId === d.orgId),
            accountability: accountability.filter((a) => a.orgId === d.orgId).length,
          });
        }),
      )),
    );
  return { month: month.month, asOf: today, complete: month.last < today, departments: rows, accountability };
}

async function departmentFacts(
  department: Department,
  month: { first: IsoDate; last: IsoDate },
  county: CountyConfig,
  today: IsoDate,
  read: { usageList: UsageListInMonth; filings: FilingDue[]; matterList: MatterListStateRow['state']; coverage?: { handled: number; checked: number; coverage: number | null }; accountability: number },
): Promise<DepartmentMonthFacts> {
  const { checks, late, overdue } = await departmentDays(department.orgId, { firstDay: month.first, lastDay: month.last }, county, today);
  const due = read.filings.filter((f) => f.state !== 'notYetDue');
  return {
    orgId: department.orgId,
    name: department.name,
    checks: checks.checks,
    withOutcome: checks.withOutcome,
    mattersHandled: read.coverage?.handled ?? 0,
    mattersChecked: read.coverage?.checked ?? 0,
    coverage: read.coverage?.coverage ?? null,
    latePublications: late.length,
    overdueAnswers: overdue.length,
    usageList: read.usageList,
    filings: { due: due.length, onTime: due.filter((f) => f.state === 'onTime').length },
    matterList: read.matterList,
    accountabilityCandidates: read.accountability,
  };
}
