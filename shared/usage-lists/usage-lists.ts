import type { z } from 'zod';
import type { submitUsageListBody } from './api.ts';
import { addDays, localDate, type IsoDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { getDepartment, type Department } from '../departments/port.ts';
import { conflict, notFound, NotPermitted, validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { countRows, usageListRow, type UsageListRow } from './usage-list.ts';
import type { UsageListSubmission } from './usage-list-submission.ts';
import { checksOfDepartment, getDraft, latestSubmission, revisionSnapshotId, saveRevision, writeRows } from './usage-list-store.ts';
import { parseUsagePeriod, periodEnded, periodStarted, type UsagePeriod } from './usage-periods.ts';

export interface Request {
  periodId: string;
  caller: Caller;
  county: CountyConfig;
  now: Date;
}

/**
 * GET /usage-lists/{period}: a department's list as it stands, from its checks in the period and their
 * outcomes (a check without an outcome is listed as such), with the counts and where its submission
 * stands. The current, unfinished period is a preview (`complete: false`); a future period is 400.
 */
export async function previewUsageList(args: Request & { department?: string }) {
  const { period, today } = periodOf(args, 'preview');
  const department = await departmentOf(args.caller, args.department, 'query.department');
  const [rows, latest, draft] = await Promise.all([liveRows(department.orgId, period), latestSubmission(department.orgId, period.id), getDraft(department.orgId, period.id)]);
  return {
    period: { ...period, complete: periodEnded(period, today) },
    department: { orgId: department.orgId, name: department.name },
    counts: countRows(rows),
    rows,
    submission: presentSubmission(latest),
    draft: draft ? { createdAt: draft.createdAt, createdOn: draft.createdOn, counts: draft.counts } : null,
  };
}

/**
 * POST /usage-lists/{period}/submit: the department submits its list of an ended period. Submission is
 * final; a correction is the next revision (`revision` = latest + 1), any other revision (or none once
 * submitted) is 409 naming the current one. The rows are stored as submitted; whether the list came by
 * the due day (county time) is decided by the first revision.
 */
export async function submitUsageList(args: Request & { department?: string; body: z.output<typeof submitUsageListBody> }) {
  const { period, today } = periodOf(args, 'submit');
  const department = await departmentOf(args.caller, args.department, 'query.department');
  const latest = await latestSubmission(department.orgId, period.id);
  const revision = (latest?.revision ?? 0) + 1;
  if (args.body.revision === undefined ? latest : args.body.revision !== revision) throw alreadySubmitted(period, department, latest);

  const rows = await liveRows(department.orgId, period);
  const snapshotId = revisionSnapshotId(revision);
  const parts = await writeRows(department.orgId, period.id, snapshotId, rows);
  const at = args.now.toISOString();
  const submission: UsageListSubmission = {
    orgId: department.orgId,
    departmentName: department.name,
    period: period.id,
    revision,
    submitter: args.body.submitter,
    ...(args.body.note ? { note: args.body.note } : {}),
    submittedBy: args.caller.userId,
    submittedAt: at,
    submittedOn: today,
    dueDay: period.dueDay,
    firstSubmittedAt: latest?.firstSubmittedAt ?? at,
    firstSubmittedOn: latest?.firstSubmittedOn ?? today,
    late: latest ? latest.late : today > period.dueDay,
    counts: countRows(rows),
    snapshotId,
    parts,
  };
  const saved = await saveRevision(submission);
  if (saved.outcome === 'stale') throw alreadySubmitted(period, department, saved.latest);
  return {
    period: { ...period, complete: true },
    department: { orgId: department.orgId, name: department.name },
    counts: submission.counts,
    rows,
    submission: presentSubmission(submission),
    draft: null,
  };
}

/** The list of a department's checks in a period, as it stands now. */
export async function liveRows(orgId: string, period: UsagePeriod): Promise<UsageListRow[]> {
  return (await checksOfDepartment(orgId, period.firstDay, period.lastDay)).map(usageListRow);
}

export function presentSubmission(latest: UsageListSubmission | undefined) {
  if (!latest) return { state: 'notSubmitted' as const };
  return {
    state: 'submitted' as const,
    revision: latest.revision,
    submitter: latest.submitter,
    ...(latest.note ? { note: latest.note } : {}),
    submittedBy: latest.submittedBy,
    submittedAt: latest.submittedAt,
    submittedOn: latest.submittedOn,
    firstSubmittedOn: latest.firstSubmittedOn,
    late: latest.late,
    counts: latest.counts,
  };
}

/**
 * The period a request names, as of the request's county-local day. A period that has not begun is
 * refused; one that has not ended may be previewed and exported as a draft, not submitted.
 */
export function periodOf(args: Request, use: 'preview' | 'submit'): { period: UsagePeriod; today: IsoDate } {
  const today = localDate(args.now, args.county.timeZone);
  const period = parseUsagePeriod(args.periodId, args.county.usageList, workingDayCalendar(args.county.calendar));
  if (!periodStarted(period, today)) throw validationFailed('path.period', `is in the future: ${period.name} begins on ${period.firstDay}`);
  if (use === 'submit' && !periodEnded(period, today))
    throw validationFailed('path.period', `has not ended yet: ${period.name} ends on ${period.lastDay}; its list can be submitted from ${addDays(period.lastDay, 1)}`);
  return { period, today };
}

/**
 * Whose list: a department's own (naming another is 403 whether or not that one exists, so the answer
 * says nothing about it); the credit office names the department. Either must be in the register.
 */
export async function departmentOf(caller: Caller, requested: string | undefined, field: string): Promise<Department> {
  const { allowed, of: orgId } = accessPolicy.ownListing(caller, requested);
  if (!allowed) throw new NotPermitted('a department reads and submits only its own usage list', 'FORBIDDEN', field);
  if (orgId === undefined) throw validationFailed(field, 'the credit office names the department whose list it reads');
  const department = await getDepartment(orgId);
  if (!department) throw notFound(`department ${orgId} in the departments register`);
  return department;
}

function alreadySubmitted(period: UsagePeriod, department: Department, latest: UsageListSubmission | undefined) {
  if (!latest)
    return conflict(`the usage list ${period.id} of ${department.orgId} has not been submitted yet: the first submission is revision 1 (or leave "revision" out)`, 'body.revision');
  return conflict(
    `the usage list ${period.id} of ${department.orgId} is submitted: current revision ${latest.revision}, at ${latest.submittedAt} by ${latest.submitter}. ` +
      `Submission is final; a correction is submitted as revision ${latest.revision + 1} ("revision": ${latest.revision + 1})`,
    'body.revision',
  );
}
