import type { IsoDate } from '../calendar/dates.ts';
import type { RecordCorrection } from './record-correction.ts';
import type { ApplicableMeasure } from './select-measures.ts';
import type { StoredRecord } from '../records/port.ts';
import type { StoredReport } from '../reports/port.ts';
import type { NationalEntryView, SourceFreshness } from '../national-lists/port.ts';

/** What the usage log keeps of a check: enough to show the receipt again and to build usage lists. */
export interface CheckLogEntry {
  checkId: string;
  /**
   * `check`: a department's credit check for a matter (absent on checks: the default); `query`: an
   * institution's consented query (POST /queries), logged here like a check so that the subject sees it
   * in "who looked at me" (GET /me/checks). A query carries no outcome, measures or usage-list row.
   */
  kind?: 'check' | 'query';
  checkedAt: string;
  /** County-local day of the check. */
  checkedOn: string;
  /**
   * Who looked: the department that ran a check, or, for a query, the institution's code (its USCC, the
   * consent's grantee). Institutions are not registered departments: their queries are in no usage list
   * and no compliance row, which read the register's departments only.
   */
  departmentOrgId: string;
  userId: string;
  /** The department's system that ran the check (a machine client, docs/machine-clients.md); absent when a person did. */
  system?: { clientId: string; name: string };
  /** `id` is the subject's key (a USCC, or a person key), `maskedId` how it is shown, `sealedId` a person's number sealed. */
  subject: { id: string; type: 'uscc' | 'residentId'; maskedId?: string; sealedId?: string; name: string | null; known: boolean };
  /**
   * The matter checked for; `listItem` the item of the department's approved matter list (事项清单,
   * shared/matter-lists) the check serves, as the list said on the day of the check.
   */
  matter: { type: string; typeName: string; reference: string; name: string; listItem?: CheckedListItem };
  records: Array<{ recordId: string; version: number; kind: string; status: string; decisionNumber: string; decisionDate: string; providerOrgId: string; objectionId?: string }>;
  lists: { redListed: boolean; blackListed: boolean; dishonestDebtor: boolean };
  measures: ApplicableMeasure[];
  /**
   * The national lists the county takes (shared/national-lists): each source with its list date and freshness on the
   * day of the check, and the subject's entries in force or repaired, each with its source, list date and basis.
   * Absent on checks logged before the lists were taken in.
   */
  nationalLists?: { sources: SourceFreshness[]; entries: NationalEntryView[] };
  /**
   * When the matter's list item requires a third-party report (`matter.listItem.reportRequired`): whether the
   * check showed a valid report not flagged for re-evaluation (a credit crisis since its issue date).
   */
  reportRequirement?: { required: true; satisfied: boolean };
  /** The reports shown, by reference (the PDF links are short-lived and never logged). */
  reports: { reportId: string; reportNumber: string; agencyId: string; validUntil: string }[];
  outcome: CheckOutcome | null;
  outcomeRevision?: number;
  /** Records this check showed that a decided case later corrected, revoked or repaired (at most one entry per case). */
  corrections?: CheckCorrection[];
  /** A query: the consent it was made under (as the institution named it, also when refused). */
  consentId?: string;
  /** A query refused for want of a live consent covering it: the stable error code it was answered with, and when. Nothing was shown. */
  refused?: { code: string; at: string };
  /** A check asked with an Idempotency-Key: `requestHash` of what was asked (shared/http/idempotency.ts). Never shown. */
  bodyHash?: string;
}

/**
 * What a check shows of a later correction of a record it relied on (restoring the subject's
 * reputation, Kunming 003 §二(五)), and the notice sent to the department about it.
 */
export interface CheckCorrection {
  caseId: string;
  caseType: RecordCorrection['caseType'];
  recordId: string;
  decisionNumber: string;
  outcome: RecordCorrection['outcome'];
  /** The version of the record this check showed. */
  shownVersion: number;
  /** The version current after the case (for `corrected`, higher than `shownVersion`). */
  currentVersion: number;
  decidedAt: string;
  decidedOn: IsoDate;
  reasoning: string;
  /** The notice the department received: `NOTICE#<kind>#<about>` in the credit table. */
  notice: { kind: string; about: string };
  markedAt: string;
}

/** The matter-list item a check served, as the approved list said that day (shared/matter-lists). */
export interface CheckedListItem {
  itemId: string;
  name: string;
  /** The list version in force when the check ran. */
  listVersion: number;
  checkRequired: boolean;
  reportRequired: boolean;
}

export interface CheckOutcome {
  /** 使用信用记录或报告情况: how the records and reports were used. */
  usage: string;
  appliedMeasures: Array<{ measureId: string; name: string; kind: 'incentive' | 'punishment'; note?: string }>;
  /**
   * Measures the check offered that the department did not apply, each with its reason (不予适用的理由). A
   * punishment offered and neither applied nor explained here is an accountability candidate (责任追究).
   */
  notAppliedMeasures?: Array<{ measureId: string; name: string; kind: 'incentive' | 'punishment'; reason: string }>;
  decision: 'approved' | 'approvedWithConditions' | 'rejected' | 'pending' | 'other';
  note?: string;
  recordedAt: string;
  recordedBy: string;
  /** The system that recorded it, when a machine client did. */
  recordedBySystem?: { clientId: string; name: string };
}

/** How the usage log keeps a record a check or query showed: its identity and its status that day, never its content. */
export const loggedRecord = (record: StoredRecord, status: string): CheckLogEntry['records'][number] => ({
  recordId: record.recordId,
  version: record.version,
  kind: record.kind,
  status,
  decisionNumber: record.decisionNumber,
  decisionDate: record.decisionDate,
  providerOrgId: record.providerOrgId,
  ...(record.objectionId ? { objectionId: record.objectionId } : {}),
});

/** How the usage log keeps a report shown: by reference (the PDF links are short-lived and never logged). */
export const loggedReport = (report: StoredReport): CheckLogEntry['reports'][number] => ({
  reportId: report.reportId,
  reportNumber: report.reportNumber,
  agencyId: report.agencyId,
  validUntil: report.validUntil,
});
