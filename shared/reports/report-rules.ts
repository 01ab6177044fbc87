import { createHash } from 'node:crypto';
import { calendarPeriodEnd, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { pdfContentProblem } from '../storage/pdf-content-check.ts';
import { earliestDate, isAllowedDate, latestDate } from '../calendar/date-schema.ts';

/** Pure rules of credit reports: ids, what an uploaded file must be, and a report's status on a day. */

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/** One upload and one report per (agency, report number): the ids follow from it, so a retry lands on the same items. */
export const uploadIdOf = (agencyId: string, reportNumber: string) => `upl_${digest('upload', agencyId, reportNumber)}`;
export const reportIdOf = (agencyId: string, reportNumber: string) => `rpt_${digest('report', agencyId, reportNumber)}`;

export const uploadExpirySeconds = 900;
export const downloadExpirySeconds = 300;

export type ReportStatus = 'valid' | 'expired' | 'voided';

export interface StoredReport {
  reportId: string;
  /** The subject's key (a USCC, or a person key); a person's number masked and sealed beside it. */
  subjectId: string;
  subjectType: 'uscc' | 'residentId';
  subjectMaskedId?: string;
  subjectSealedId?: string;
  agencyId: string;
  agencyName?: string;
  reportNumber: string;
  reportType: 'comprehensive' | 'special';
  issueDate: IsoDate;
  validUntil: IsoDate;
  rating: string;
  riskWarning?: string;
  sha256: string;
  sizeBytes: number;
  objectKey: string;
  /**
   * The S3 object version that was checked and accepted: every download is of this version, whatever is
   * written to the key later. Absent only on reports stored before reports were pinned.
   */
  versionId?: string;
  status: 'valid' | 'voided';
  acceptedAt: string;
  voided?: { reason: string; at: string; by: string };
}

/** A report is valid until the end of its validity period (a working day), unless voided. */
export function reportStatus(report: Pick<StoredReport, 'status' | 'validUntil'>, today: IsoDate): ReportStatus {
  if (report.status === 'voided') return 'voided';
  return report.validUntil >= today ? 'valid' : 'expired';
}

export const validUntilOf = (issueDate: IsoDate, months: number, calendar: WorkingDayCalendar): IsoDate => calendarPeriodEnd(issueDate, months, calendar).date;

/**
 * The end of validity of an announced issue date, or undefined when none can be computed: the API
 * refuses such dates (shared/calendar/date-schema.ts), but an upload stored before it did, or written
 * by other means, must still be settled (rejected with a reason), never left pending by a RangeError.
 */
export function validityEnd(issueDate: IsoDate, months: number, calendar: WorkingDayCalendar): IsoDate | undefined {
  if (!isAllowedDate(issueDate)) return undefined;
  try {
    return validUntilOf(issueDate, months, calendar);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Why an uploaded report is refused, or undefined when it is accepted: the file must be a PDF within
 * the size limit carrying no active content (JavaScript, launch actions, embedded files: the check
 * evidence files get too), the agency still active, the issue date not in the future and the report not expired.
 */
export function rejectionReason(args: {
  /** The whole file: the content check reads all of it. */
  content: Buffer;
  sizeBytes: number;
  maxBytes: number;
  agencyStatus: string | undefined;
  issueDate: IsoDate;
  /** undefined: the issue date gives no end of validity (see validityEnd). */
  validUntil: IsoDate | undefined;
  today: IsoDate;
}): string | undefined {
  if (args.sizeBytes > args.maxBytes) return `the file is larger than ${args.maxBytes} bytes`;
  const contentProblem = pdfContentProblem(args.content);
  if (contentProblem) return contentProblem;
  if (args.agencyStatus !== 'active') return `the agency is not an active registered agency (status: ${args.agencyStatus ?? 'unregistered'})`;
  if (args.validUntil === undefined) return `the issue date "${args.issueDate}" is not a real date from ${earliestDate} to ${latestDate}, so the report has no end of validity`;
  if (args.issueDate > args.today) return `the issue date ${args.issueDate} is in the future`;
  if (args.validUntil < args.today) return `the report expired on ${args.validUntil}`;
  return undefined;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The reports among everything the platform holds about a subject (records' one query of its partition, `readSubject`). */
export const reportsOf = (subject: { reports: readonly Record<string, unknown>[] }): StoredReport[] => subject.reports as unknown as StoredReport[];
