import type { IsoDate } from '../calendar/dates.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { forbidden, notFound } from '../errors/domain-errors.ts';
import { accessPolicy, readSubject } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { downloadLink } from './report-links.ts';
import { getReport, storeVoid } from './report-store.ts';
import { reportsOf, reportStatus, type StoredReport } from './report-rules.ts';

/**
 * What a report says, for any reader: neither its object key and version nor its subject's identity (the key, the
 * number masked or sealed). The surrounding answer names the subject (masked where it must be).
 */
export function reportDetails(report: StoredReport) {
  const { objectKey: _key, versionId: _version, subjectId: _id, subjectType: _type, subjectMaskedId: _masked, subjectSealedId: _sealed, ...shown } = report;
  return shown;
}

/** A report as a reader sees it: its status today, and a download link while it is valid. */
export async function presentReport(report: StoredReport, today: IsoDate, now: Date) {
  const status = reportStatus(report, today);
  return { ...reportDetails(report), status, ...(status === 'valid' ? { download: await downloadLink(report, now) } : {}) };
}

/** The reports a check shows: valid ones, newest first. */
export const validReports = (reports: StoredReport[], today: IsoDate) =>
  reports.filter((r) => reportStatus(r, today) === 'valid').sort((a, b) => b.issueDate.localeCompare(a.issueDate));

/** A subject's reports with their status, for the subject itself and the credit office. */
export async function listSubjectReports(args: { subjectId: { type: 'uscc' | 'residentId'; id: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const { subjectId, caller, now } = args;
  const subjectKey = await subjectKeyOf(subjectId);
  if (!accessPolicy.listSubjectReports(caller, subjectKey))
    throw forbidden("only the subject itself and the credit office may list a subject's reports");
  const today = localDate(now, args.county.timeZone);
  const reports = reportsOf(await readSubject(subjectKey));
  const sorted = [...reports].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
  // The number was in the request path: the caller is the subject or the credit office, who may see it.
  return { subjectId: subjectId.id, reports: await Promise.all(sorted.map((r) => presentReport(r, today, now))) };
}

/** Voids a report: the credit office, or the agency that issued it. Voiding a voided report changes nothing. */
export async function voidReport(args: { reportId: string; reason: string; caller: Caller; county: CountyConfig; now: Date }) {
  const { reportId, caller, now } = args;
  const report = await getReport(reportId);
  if (!report) throw notFound(`report ${reportId}`);
  if (!accessPolicy.voidReport(caller, report))
    throw forbidden('only the credit office and the issuing agency may void a report');
  const today = localDate(now, args.county.timeZone);
  if (report.status === 'voided') return presentReport(report, today, now);
  const voided = { reason: args.reason, at: now.toISOString(), by: caller.orgId };
  await storeVoid(report, voided);
  return presentReport((await getReport(reportId))!, today, now);
}
