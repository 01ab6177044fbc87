import { addDays, endOfLocalDay, localDate, type IsoDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { listDepartments, type Department } from '../departments/port.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { parseUsagePeriod, periodContaining, periodEnded, periodStarted, submissionsOfPeriod, type UsageListSubmission, type UsagePeriod } from '../usage-lists/port.ts';
import { casesRaisedBetween, countChecks, latePublications, type CaseSummary, type LatePublication } from './compliance-queries.ts';

/**
 * GET /compliance?period=: for the credit office, per registered department, what the seeds make it
 * supervise in a period: checks run and outcomes recorded (逢办必查), dual-publicity records published
 * late, objections and repairs answered after their answer day, and the usage list (on time, late, not
 * yet). Worst offenders first. Cost: the register and the period's submissions (one query each), then
 * three index queries per department, each bounded by the period.
 */
export async function complianceView(args: { period?: string; county: CountyConfig; now: Date }) {
  const { county, now } = args;
  const today = localDate(now, county.timeZone);
  const calendar = workingDayCalendar(county.calendar);
  const period = args.period
    ? parseUsagePeriod(args.period, county.usageList, calendar, 'query.period')
    : periodContaining(addDays(periodContaining(today, county.usageList, calendar).firstDay, -1), county.usageList, calendar);
  if (!periodStarted(period, today)) throw validationFailed('query.period', `is in the future: ${period.name} begins on ${period.firstDay}`);

  const [{ departments }, submissions] = await Promise.all([listDepartments(), submissionsOfPeriod(period.id)]);
  const rows = [];
  for (let i = 0; i < departments.length; i += 8)
    rows.push(...(await Promise.all(departments.slice(i, i + 8).map((d) => departmentCompliance(d, period, submissions.get(d.orgId), county, today)))));
  return {
    period: { ...period, complete: periodEnded(period, today) },
    asOf: today,
    departments: rankWorstFirst(rows),
  };
}

export type UsageListState = 'submittedOnTime' | 'submittedLate' | 'notSubmitted' | 'overdue';

export interface DepartmentCompliance {
  orgId: string;
  name: string;
  checks: { total: number; withOutcome: number; withoutOutcome: number };
  latePublications: { count: number; records: ReturnType<typeof presentLate>[] };
  overdueAnswers: { count: number; cases: { caseId: string; caseType: string; recordId: string; answerBy: string; state: string; answeredOn?: string }[] };
  usageList: { state: UsageListState; dueDay: IsoDate; revision?: number; firstSubmittedOn?: IsoDate; submittedOn?: IsoDate; submitter?: string };
  /** The kinds of failing in the period: usageListMissing, usageListLate, overdueAnswers, latePublications, outcomesMissing. */
  failings: string[];
}

async function departmentCompliance(
  department: Department,
  period: UsagePeriod,
  submission: UsageListSubmission | undefined,
  county: CountyConfig,
  today: IsoDate,
): Promise<DepartmentCompliance> {
  const { checks, late, overdue } = await departmentDays(department.orgId, period, county, today);
  const usageList = usageListState(submission, period, today);
  const result: Counted = {
    orgId: department.orgId,
    name: department.name,
    checks: { total: checks.checks, withOutcome: checks.withOutcome, withoutOutcome: checks.checks - checks.withOutcome },
    latePublications: { count: late.length, records: late.map(presentLate) },
    overdueAnswers: {
      count: overdue.length,
      cases: overdue.map((c) => ({ caseId: c.caseId, caseType: c.caseType, recordId: c.recordId, answerBy: c.answerBy!, state: c.state, ...(c.answer ? { answeredOn: localDate(new Date(c.answer.answeredAt), county.timeZone) } : {}) })),
    },
    usageList,
  };
  return { ...result, failings: failingsOf(result) };
}

/**
 * What a department did on the days `firstDay`..`lastDay` (a usage period, or a month): its checks (with and
 * without an outcome), its dual-publicity records received late, and the cases on its records whose answer day
 * fell in the days and went overdue. Three index key ranges, each bounded by the days.
 */
export async function departmentDays(orgId: string, days: { firstDay: IsoDate; lastDay: IsoDate }, county: CountyConfig, today: IsoDate) {
  const from = endOfLocalDay(addDays(days.firstDay, -1), county.timeZone).toISOString();
  const to = endOfLocalDay(days.lastDay, county.timeZone).toISOString();
  // A case answered in the days was raised at most this long before them: N working days never span more.
  const lookBackDays = Math.ceil((county.deadlines.objectionAnswerWorkingDays * 7) / 5) + 21;
  const casesFrom = endOfLocalDay(addDays(days.firstDay, -lookBackDays - 1), county.timeZone).toISOString();
  const [checks, late, cases] = await Promise.all([countChecks(orgId, days.firstDay, days.lastDay), latePublications(orgId, from, to), casesRaisedBetween(orgId, casesFrom, to)]);
  const overdue = cases.filter((c) => c.answerBy !== undefined && c.answerBy >= days.firstDay && c.answerBy <= days.lastDay && wentOverdue(c, county, today));
  return { checks, late, overdue };
}

/** A case went overdue when the workflow marked it so, or it was (or is still not) answered after its answer day. */
export function wentOverdue(c: CaseSummary, county: CountyConfig, today: IsoDate): boolean {
  if (c.state === 'overdue' || (c.history ?? []).some((e) => e.event === 'overdue')) return true;
  if (c.answer) return localDate(new Date(c.answer.answeredAt), county.timeZone) > c.answerBy!;
  return c.answerBy! < today && c.state !== 'closed';
}

const presentLate = (r: LatePublication) => ({
  recordId: r.recordId,
  kind: r.kind,
  decisionNumber: r.decisionNumber,
  deadline: r.publication.deadline,
  receivedOn: r.firstReceivedOn ?? r.receivedOn,
  lateByWorkingDays: r.publication.lateByWorkingDays,
});

/** Where the department's list of the period stands: `overdue` once the due day has passed without it. */
function usageListState(submission: UsageListSubmission | undefined, period: UsagePeriod, today: IsoDate): DepartmentCompliance['usageList'] {
  if (!submission) return { state: today > period.dueDay ? 'overdue' : 'notSubmitted', dueDay: period.dueDay };
  return {
    state: submission.late ? 'submittedLate' : 'submittedOnTime',
    dueDay: period.dueDay,
    revision: submission.revision,
    firstSubmittedOn: submission.firstSubmittedOn,
    submittedOn: submission.submittedOn,
    submitter: submission.submitter,
  };
}

type Counted = Omit<DepartmentCompliance, 'failings'>;

/** The kinds of failing a department shows in the period, the order of the view. */
function failingsOf(d: Counted): string[] {
  return [
    ...(d.usageList.state === 'overdue' ? ['usageListMissing'] : d.usageList.state === 'submittedLate' ? ['usageListLate'] : []),
    ...(d.overdueAnswers.count ? ['overdueAnswers'] : []),
    ...(d.latePublications.count ? ['latePublications'] : []),
    ...(d.checks.withoutOutcome ? ['outcomesMissing'] : []),
  ];
}

const listRank: Record<UsageListState, number> = { overdue: 3, submittedLate: 2, notSubmitted: 1, submittedOnTime: 0 };

/**
 * Worst offenders first: most kinds of failing, then the usage list (missing after the due day, late,
 * not yet due, on time), then overdue answers, late publications and checks without an outcome, by count.
 */
export function rankWorstFirst(rows: DepartmentCompliance[]): DepartmentCompliance[] {
  return [...rows].sort(
    (a, b) =>
      b.failings.length - a.failings.length ||
      listRank[b.usageList.state] - listRank[a.usageList.state] ||
      b.overdueAnswers.count - a.overdueAnswers.count ||
      b.latePublications.count - a.latePublications.count ||
      b.checks.withoutOutcome - a.checks.withoutOutcome ||
      a.orgId.localeCompare(b.orgId),
  );
}
