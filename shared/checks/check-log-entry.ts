import type { ApplicableMeasure } from '../measures/select-measures.ts';

/** What the usage log keeps of a check: enough to show the receipt again and to build usage lists. */
export interface CheckLogEntry {
  checkId: string;
  checkedAt: string;
  /** County-local day of the check. */
  checkedOn: string;
  departmentOrgId: string;
  userId: string;
  subject: { id: string; type: 'uscc' | 'residentId'; name: string | null; known: boolean };
  matter: { type: string; typeName: string; reference: string; name: string };
  records: Array<{ recordId: string; version: number; kind: string; status: string; decisionNumber: string; decisionDate: string; providerOrgId: string; objectionId?: string }>;
  lists: { redListed: boolean; blackListed: boolean; dishonestDebtor: boolean };
  measures: ApplicableMeasure[];
  /** The reports shown, by reference (the PDF links are short-lived and never logged). */
  reports: { reportId: string; reportNumber: string; agencyId: string; validUntil: string }[];
  outcome: CheckOutcome | null;
  outcomeRevision?: number;
}

export interface CheckOutcome {
  /** 使用信用记录或报告情况: how the records and reports were used. */
  usage: string;
  appliedMeasures: Array<{ measureId: string; name: string; kind: 'incentive' | 'punishment'; note?: string }>;
  decision: 'approved' | 'approvedWithConditions' | 'rejected' | 'pending' | 'other';
  note?: string;
  recordedAt: string;
  recordedBy: string;
}
