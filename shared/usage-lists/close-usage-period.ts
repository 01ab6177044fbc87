import { localDate } from '../calendar/dates.ts';
import { addWorkingDays, workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { listDepartments, registeredBy, type Department } from '../departments/port.ts';
import { publishNotice } from '../notices/port.ts';
import { countRows } from './usage-list.ts';
import { usageListDraftedNotice, usageListDueNotice } from './usage-list-notices.ts';
import { draftSnapshotId, getDraft, saveDraft, submissionsOfPeriod, writeRows } from './usage-list-store.ts';
import { liveRows } from './usage-lists.ts';
import { periodsDueOn, periodsJustEnded, type UsagePeriod } from './usage-periods.ts';

/** Working days before the due day on which a department that has not submitted is reminded. */
export const reminderWorkingDaysBeforeDue = 3;

/**
 * The period close, run daily; it acts on the days the county's cadence makes relevant:
 * - the first day after a period ends: each department's list is drafted (a stored snapshot, once) and
 *   the department told, with its counts of checks and of checks without a recorded outcome;
 * - `reminderWorkingDaysBeforeDue` working days before the due day: each department that has not
 *   submitted is reminded.
 * Every other day it reads nothing. Idempotent: a second run drafts nothing and publishes nothing new.
 */
export async function closeUsagePeriods(args: { county: CountyConfig; now: Date }) {
  const { county, now } = args;
  const today = localDate(now, county.timeZone);
  const calendar = workingDayCalendar(county.calendar);
  const ended = periodsJustEnded(today, county.usageList, calendar);
  // The due day is a working day, so the reminder day is one: on another day nothing is due for a reminder.
  const dueSoon = calendar.isWorkingDay(today) ? periodsDueOn(addWorkingDays(today, reminderWorkingDaysBeforeDue, calendar), county.usageList, calendar) : [];
  const result = {
    date: today,
    ended: ended.map((p) => p.id),
    dueSoon: dueSoon.map((p) => p.id),
    drafted: [] as { orgId: string; period: string; created: boolean; checks: number; withoutOutcome: number }[],
    reminders: [] as { orgId: string; period: string; about: string; published: boolean }[],
  };
  if (!ended.length && !dueSoon.length) return result;

  const { departments } = await listDepartments();
  for (const period of ended) {
    const submitted = await submissionsOfPeriod(period.id);
    for (const department of departments.filter((d) => registeredBy(d, period.lastDay, county.timeZone))) {
      const draft = await draftList(department, period, now, today);
      result.drafted.push({ orgId: department.orgId, period: period.id, ...draft });
      if (submitted.has(department.orgId)) continue;
      const notice = usageListDraftedNotice(department, period, { checks: draft.checks, withOutcome: draft.checks - draft.withoutOutcome, withoutOutcome: draft.withoutOutcome }, county, today);
      const { published } = await publishNotice(notice, now);
      result.reminders.push({ orgId: department.orgId, period: period.id, about: notice.about, published });
    }
  }
  for (const period of dueSoon) {
    const submitted = await submissionsOfPeriod(period.id);
    for (const department of departments.filter((d) => !submitted.has(d.orgId) && registeredBy(d, period.lastDay, county.timeZone))) {
      const notice = usageListDueNotice(department, period, reminderWorkingDaysBeforeDue, county, today);
      const { published } = await publishNotice(notice, now);
      result.reminders.push({ orgId: department.orgId, period: period.id, about: notice.about, published });
    }
  }
  return result;
}

/** Stores the department's draft of the period once (rows first, then the draft that points at them). */
async function draftList(department: Department, period: UsagePeriod, now: Date, today: string) {
  const existing = await getDraft(department.orgId, period.id);
  if (existing) return { created: false, checks: existing.counts.checks, withoutOutcome: existing.counts.withoutOutcome };
  const rows = await liveRows(department.orgId, period);
  const counts = countRows(rows);
  const parts = await writeRows(department.orgId, period.id, draftSnapshotId, rows);
  const created = await saveDraft({
    orgId: department.orgId,
    departmentName: department.name,
    period: period.id,
    createdAt: now.toISOString(),
    createdOn: today,
    counts,
    snapshotId: draftSnapshotId,
    parts,
  });
  return { created, checks: counts.checks, withoutOutcome: counts.withoutOutcome };
}
