import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import type { z } from 'zod';
import type { listChecksQuery } from '../api/checks.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { addDays, localDate } from '../calendar/dates.ts';
import { accessPolicy } from '../access/access-policy.ts';
import type { Caller } from '../identity/caller.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { showSubjectId } from '../privacy/personal-ids.ts';
import { getReports } from '../reports/report-store.ts';
import { reportStatus } from '../reports/report-rules.ts';
import type { CheckLogEntry } from './check-log-entry.ts';
import { getCheck, listChecks } from './check-store.ts';

/**
 * GET /checks: the department's own checks in a period of county-local days, oldest first, paged. Each
 * report a check relied on carries its status today, so a department sees when a report it used was
 * voided (a major credit crisis) or has expired since, and each check the corrections of records it showed.
 */
export async function listOwnChecks(args: { query: z.output<typeof listChecksQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const to = args.query.to ?? localDate(args.now, args.county.timeZone);
  const from = args.query.from ?? addDays(to, -30);
  if (from > to) throw validationFailed('query.from', 'must not be after query.to');
  const page = await listChecks(args.caller.orgId, from, to, args.query.limit, decodePageToken(args.query.nextToken));
  return {
    from,
    to,
    checks: await presentChecks(page.entries, args),
    ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}),
  };
}

/**
 * GET /checks/{id}: one check as the list shows it, with its corrections, for the department that ran
 * it and the credit office. Any other department gets 404, as for a check that does not exist, so the
 * existence of another department's check is not disclosed.
 */
export async function readCheck(args: { checkId: string; caller: Caller; county: CountyConfig; now: Date }) {
  const entry = await getCheck(args.checkId);
  if (!entry || !accessPolicy.seeCheck(args.caller, entry)) throw notFound(`check ${args.checkId}`);
  return (await presentChecks([entry], args))[0]!;
}

/**
 * Checks as the usage log keeps them, with each report's status today (read in one BatchGet) and the
 * corrections of records they showed. Resident ID numbers are masked except for the credit office.
 */
async function presentChecks(entries: CheckLogEntry[], args: { caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const reports = await getReports(entries.flatMap((e) => (e.reports ?? []).map((r) => r.reportId)));
  const reportNow = (reportId: string) => {
    const report = reports.get(reportId);
    if (!report) return { statusToday: 'unknown' as const };
    return { statusToday: reportStatus(report, today), ...(report.voided ? { voided: report.voided } : {}) };
  };
  return Promise.all(entries.map(async (e) => ({
    ...e,
    subject: await presentCheckSubject(e.subject, accessPolicy.revealIds(args.caller, e.subject.id)),
    reports: (e.reports ?? []).map((r) => ({ ...r, ...reportNow(r.reportId) })),
    corrections: e.corrections ?? [],
  })));
}

/** A check's subject as shown: the ID masked (or opened for who may see it whole), no key or seal. */
export async function presentCheckSubject(subject: CheckLogEntry['subject'], reveal: boolean) {
  const { maskedId: _masked, sealedId: _sealed, ...rest } = subject;
  return { ...rest, id: await showSubjectId(subject, reveal) };
}
