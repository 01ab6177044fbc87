import type { IsoDate } from '../calendar/dates.ts';
import type { Caller } from '../identity/caller.ts';
import { isPublic, statusOf } from './record-status.ts';
import type { StoredRecord } from './stored-record.ts';

/**
 * Who sees what (issue 7 §1; 001 §六(三), 002 §三(三), 003 §四(四): nothing about a subject goes to a
 * third party without a lawful purpose or its consent). Two gates, each decided in one place:
 *
 * 1. The route: which roles may call it at all — its declaration in its capability's functions.ts, enforced by
 *    the HTTP middleware before the use case runs (403).
 * 2. The relation: what a caller of an allowed role may see or do with one resource — the rules below.
 *    Every use case asks here; none compares a caller with a resource on its own. A `false` becomes
 *    404 where the resource's existence is itself not the caller's business (a record, case, check,
 *    upload or consent of someone else), 403 where the caller named it and may know it exists.
 *
 * | role         | sees                                                                                |
 * |--------------|-------------------------------------------------------------------------------------|
 * | public       | records in their publicity period and not withheld (不予公示), their public fields only (persons' names and ID numbers masked); public notices |
 * | department   | what is public; the records it provided; in a credit check, the subject's records in force (the check for a named matter is the lawful purpose, logged); its own checks, usage lists, notices; cases on its records |
 * | agency       | what is public; its own uploads and reports                                          |
 * | institution  | what is public; with the subject's live consent, the scope consented (logged like a check), and its credit report; consents granted to it |
 * | subject      | everything about itself: records, reports, cases, consents, notices, and who looked at it |
 * | creditOffice | everything                                                                           |
 *
 * ID numbers are shown whole only to the person (or business) they identify and to the credit office.
 *
 * What of a record a caller sees is a projection chosen here too (`recordView`): its subject, its
 * provider and the credit office get the record as the platform keeps it (remarks, corrections and their
 * reasons, the provider, the publication deadline); anyone without a relation to it — the public, an
 * agency, an institution outside a consented query, another subject, a department outside a check — gets
 * the public projection, exactly what the public site shows (records/present-public-record.ts).
 */
export const accessPolicy = {
  /** A record outside a check or consented query: the credit office all; the subject its own; the provider its own; anyone what is public. */
  seeRecord(caller: Caller | undefined, record: StoredRecord, today: IsoDate): boolean {
    return isRelated(caller, record) || isPublicRecord(record, today);
  },
  /**
   * Which projection of a record (one `seeRecord` allows) a caller gets outside a check or consented query:
   * `full` for its subject, its provider and the credit office; `public` for anyone else.
   */
  recordView: (caller: Caller | undefined, record: Pick<StoredRecord, 'subjectId' | 'providerOrgId'>): RecordView => (isRelated(caller, record) ? 'full' : 'public'),
  /** Earlier versions of a record (corrections): its provider, its subject and the credit office; the public sees only the current one. */
  seeRecordHistory: (caller: Caller, record: StoredRecord): boolean =>
    caller.role === 'creditOffice' || isProvider(caller, record) || isSubject(caller, record.subjectId),
  /** Only the providing department corrects its record (403: it may know the record exists, it is public or checked). */
  correctRecord: (caller: Caller, record: StoredRecord): boolean => isProvider(caller, record),
  /** Whole ID numbers: the person (or business) they identify, and the credit office. */
  revealIds: (caller: Caller | undefined, subjectKey: string): boolean =>
    caller?.role === 'creditOffice' || (caller !== undefined && isSubject(caller, subjectKey)),

  /** A check or consented query in the usage log: the organisation that ran it and the credit office (the subject sees it in who-looked-at-me). */
  seeCheck: (caller: Caller, check: { departmentOrgId: string }): boolean =>
    caller.role === 'creditOffice' || ((caller.role === 'department' || caller.role === 'institution') && check.departmentOrgId === caller.orgId),
  /** What was done with a check: only the department that ran it records it. */
  recordCheckOutcome: (caller: Caller, check: { departmentOrgId: string }): boolean => caller.role === 'department' && check.departmentOrgId === caller.orgId,

  /** An objection or repair: the subject it is about, the department that provided the record, the credit office. */
  seeCase: (caller: Caller, c: { subjectId: string; providerOrgId: string }): boolean =>
    caller.role === 'creditOffice' || isSubject(caller, c.subjectId) || (caller.role === 'department' && c.providerOrgId === caller.orgId),
  /** Raise a case on a record: its subject, or (an objection on its behalf) the credit office. */
  raiseCase: (caller: Caller, record: { subjectId: string }): boolean => caller.role === 'creditOffice' || isSubject(caller, record.subjectId),
  /** Why a case's workflow failed (Step Functions' error and cause): the credit office, which restarts it; nobody else. */
  seeWorkflowErrors: (caller: Caller): boolean => caller.role === 'creditOffice',
  /** Answer a case: only the department that provided the record (verification is its duty, 003 §二(五)). */
  answerCase: (caller: Caller, c: { providerOrgId: string }): boolean => caller.role === 'department' && c.providerOrgId === caller.orgId,
  /** Whose cases a list shows: a subject its own; a department those on its records (naming another provider: false); the credit office anyone's. */
  casesOfProvider(caller: Caller, requested: string | undefined): { allowed: boolean; provider?: string } {
    if (caller.role === 'department') return { allowed: requested === undefined || requested === caller.orgId, provider: caller.orgId };
    return { allowed: caller.role === 'creditOffice', provider: requested };
  },

  /** All reports of a subject (valid, expired, voided): the subject itself and the credit office. */
  listSubjectReports: (caller: Caller, subjectKey: string): boolean => caller.role === 'creditOffice' || isSubject(caller, subjectKey),
  /** Void a report: the agency that issued it, and the credit office. */
  voidReport: (caller: Caller, report: { agencyId: string }): boolean => caller.role === 'creditOffice' || (caller.role === 'agency' && report.agencyId === caller.orgId),
  /** An upload's state: only the agency that announced it. */
  seeUpload: (caller: Caller, upload: { agencyId: string }): boolean => caller.role === 'agency' && upload.agencyId === caller.orgId,

  /**
   * Whose usage list or notices a request reads: its own for anyone but the credit office, which names
   * whom (or, for notices, reads all). `naming` someone else is refused whether or not they exist.
   */
  ownListing(caller: Caller, naming: string | undefined): { allowed: boolean; of: string | undefined } {
    if (caller.role === 'creditOffice') return { allowed: true, of: naming };
    return { allowed: naming === undefined || naming === caller.orgId, of: caller.orgId };
  },

  /** A consent: the subject that granted it, the institution it was granted to, the credit office. */
  seeConsent: (caller: Caller, consent: { subjectId: string; granteeId: string }): boolean =>
    caller.role === 'creditOffice' || isSubject(caller, consent.subjectId) || (caller.role === 'institution' && consent.granteeId === caller.orgId),
  /** Revoke a consent: only the subject that granted it. */
  revokeConsent: (caller: Caller, consent: { subjectId: string }): boolean => isSubject(caller, consent.subjectId),

  /**
   * A subject's public credit information report (a PDF with a verification code): the subject itself, the
   * credit office, or an institution whose consent `consentAllows` found live and covering the subject's
   * records (the consent is the lawful basis; the report is logged like a query).
   */
  creditReport: (caller: Caller, subjectKey: string, consent: { allowed: boolean } | undefined): boolean =>
    caller.role === 'creditOffice' || isSubject(caller, subjectKey) || (caller.role === 'institution' && consent?.allowed === true),
} as const;

/** The projection of a record a caller gets: the record as kept, or what the public site shows. */
export type RecordView = 'full' | 'public';

/** The credit office, the record's subject and its provider: those with a relation to a record. */
const isRelated = (caller: Caller | undefined, record: Pick<StoredRecord, 'subjectId' | 'providerOrgId'>): boolean =>
  caller !== undefined && (caller.role === 'creditOffice' || isSubject(caller, record.subjectId) || isProvider(caller, record));

/** The caller is the subject keyed `subjectKey` (a person's caller.orgId is its person key: protectCaller). */
const isSubject = (caller: Caller, subjectKey: string): boolean => caller.role === 'subject' && caller.orgId === subjectKey;
const isProvider = (caller: Caller, record: { providerOrgId: string }): boolean => caller.role === 'department' && record.providerOrgId === caller.orgId;

/** In force, in its publicity period, and not withheld from publication (不予公示: shared/records/non-publication.ts). */
export function isPublicRecord(record: Pick<StoredRecord, 'lifecycle' | 'publicity' | 'withheld'>, today: IsoDate): boolean {
  return record.withheld === undefined && isPublic(statusOf(record, today), record.publicity.publicFrom, today);
}
