import type { IsoDate } from '../calendar/dates.ts';

/**
 * What a decided case did to a record, as told to the departments that relied on the record before
 * (restoring the subject's reputation, Kunming 003 §二(五)): corrected (a new version), revoked
 * (withdrawn as wrong), or repaired (left publicity after credit repair).
 */
export interface RecordCorrection {
  caseId: string;
  caseType: 'objection' | 'repair';
  recordId: string;
  subjectId: string;
  subjectName: string;
  /** The record's decision document number, which names it to people. */
  decisionNumber: string;
  providerOrgId: string;
  outcome: 'corrected' | 'revoked' | 'repaired';
  /** The version now current (for `corrected`); checks that showed an earlier version relied on wrong data. */
  currentVersion: number;
  reasoning: string;
  decidedAt: string;
  decidedOn: IsoDate;
}
