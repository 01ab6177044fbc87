import type { CountyConfig } from '../config/county-config.ts';
import { localDate } from '../calendar/dates.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { showSubjectId } from '../privacy/personal-ids.ts';
import { getReports, reportStatus } from '../reports/port.ts';
import type { CheckLogEntry } from './check-log-entry.ts';
import { presentReportRequirement } from './list-item.ts';

/**
 * A check as the usage log keeps it, for its reader (the department that ran it, the credit office): the
 * one projection of GET /checks, GET /checks/{id}, PUT /checks/{id}/outcome and the receipt. Each
 * report it relied on carries its status today (read in one BatchGet), so a department sees when a report
 * it used was voided or has expired since; each check the corrections of records it showed. The subject's
 * ID is masked except for who may see it whole; no look-up key, seal or request hash is shown.
 */
export async function presentChecks(entries: CheckLogEntry[], args: { caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const reports = await getReports(entries.flatMap((e) => (e.reports ?? []).map((r) => r.reportId)));
  const reportNow = (reportId: string) => {
    const report = reports.get(reportId);
    if (!report) return { statusToday: 'unknown' as const };
    return { statusToday: reportStatus(report, today), ...(report.voided ? { voided: report.voided } : {}) };
  };
  return Promise.all(
    entries.map(async (e) => ({
      checkId: e.checkId,
      ...(e.kind ? { kind: e.kind } : {}),
      checkedAt: e.checkedAt,
      checkedOn: e.checkedOn,
      departmentOrgId: e.departmentOrgId,
      userId: e.userId,
      ...(e.system ? { system: e.system } : {}),
      subject: await presentCheckSubject(e.subject, accessPolicy.revealIds(args.caller, e.subject.id)),
      matter: e.matter,
      records: e.records,
      lists: e.lists,
      measures: e.measures,
      ...(e.nationalLists ? { nationalLists: e.nationalLists } : {}),
      ...(e.reportRequirement ? { reportRequirement: presentReportRequirement(e.reportRequirement) } : {}),
      reports: (e.reports ?? []).map((r) => ({ ...r, ...reportNow(r.reportId) })),
      outcome: e.outcome,
      ...(e.outcomeRevision !== undefined ? { outcomeRevision: e.outcomeRevision } : {}),
      corrections: e.corrections ?? [],
      ...(e.consentId ? { consentId: e.consentId } : {}),
      ...(e.refused ? { refused: e.refused } : {}),
    })),
  );
}

export async function presentCheck(entry: CheckLogEntry, args: { caller: Caller; county: CountyConfig; now: Date }) {
  return (await presentChecks([entry], args))[0]!;
}

/** A check's subject as shown: the ID masked (or opened for who may see it whole), no key or seal. */
export async function presentCheckSubject(subject: CheckLogEntry['subject'], reveal: boolean) {
  return { id: await showSubjectId(subject, reveal), type: subject.type, name: subject.name, known: subject.known };
}
