import type { z } from 'zod';
import type { listChecksQuery } from '../api/checks.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { addDays, localDate } from '../calendar/dates.ts';
import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../http/errors.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { getReports } from '../reports/report-store.ts';
import { reportStatus } from '../reports/report-rules.ts';
import { listChecks } from './check-store.ts';

/**
 * GET /checks: the department's own checks in a period of county-local days, oldest first, paged. Each
 * report a check relied on carries its status today, so a department sees when a report it used was
 * voided (a major credit crisis) or has expired since.
 */
export async function listOwnChecks(args: { query: z.output<typeof listChecksQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const to = args.query.to ?? localDate(args.now, args.county.timeZone);
  const from = args.query.from ?? addDays(to, -30);
  if (from > to) throw validationFailed('query.from', 'must not be after query.to');
  let startKey: Record<string, unknown> | undefined;
  if (args.query.nextToken) {
    try {
      startKey = JSON.parse(Buffer.from(args.query.nextToken, 'base64url').toString('utf8'));
    } catch {
      throw validationFailed('query.nextToken', 'is not a token this API gave out');
    }
  }
  const page = await listChecks(args.caller.orgId, from, to, args.query.limit, startKey);
  const today = localDate(args.now, args.county.timeZone);
  const reports = await getReports(page.entries.flatMap((e) => (e.reports ?? []).map((r) => r.reportId)));
  const reportNow = (reportId: string) => {
    const report = reports.get(reportId);
    if (!report) return { statusToday: 'unknown' as const };
    return { statusToday: reportStatus(report, today), ...(report.voided ? { voided: report.voided } : {}) };
  };
  return {
    from,
    to,
    checks: page.entries.map((e) => ({
      ...e,
      subject: { ...e.subject, id: e.subject.type === 'residentId' ? maskResidentId(e.subject.id) : e.subject.id },
      reports: (e.reports ?? []).map((r) => ({ ...r, ...reportNow(r.reportId) })),
    })),
    ...(page.lastKey ? { nextToken: Buffer.from(JSON.stringify(page.lastKey)).toString('base64url') } : {}),
  };
}
