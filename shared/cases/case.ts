import type { IsoDate } from '../calendar/dates.ts';
import type { Role } from '../identity/roles.ts';

/**
 * A case the providing department must answer within the county's working-day deadline: an objection
 * (异议, Kunming 003 §二(五)) to one of its records, or an application for credit repair (信用修复,
 * 003 §二(四)). Both run on the verification workflow; they differ in what the answer may be and what
 * it does to the record.
 */
export type CaseType = 'objection' | 'repair';

export const objectionOutcomes = ['upheld', 'corrected', 'revoked'] as const;
export const repairOutcomes = ['approved', 'refused'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];
export type RepairOutcome = (typeof repairOutcomes)[number];
export type CaseOutcome = ObjectionOutcome | RepairOutcome;

/**
 * Where a case stands:
 * - `verifying`: the provider has been notified and the answer day has not passed;
 * - `overdue`: the answer day passed without an answer (the credit office was told; an objection's suspension stays);
 * - `answered`: the provider answered, the workflow is applying it;
 * - `closed`: the answer was applied to the record and the subject told;
 * - `stuck`: the workflow failed after its retries; the case and its suspension are kept for the credit office.
 */
export const caseStates = ['verifying', 'overdue', 'answered', 'closed', 'stuck'] as const;
export type CaseState = (typeof caseStates)[number];
/** States in which the provider may still answer. */
export const answerableStates: readonly CaseState[] = ['verifying', 'overdue'];
/**
 * States in which the subject may still add evidence: those of a case not yet answered (`stuck` only while
 * it holds no answer: a case stuck before the answer is answered after its restart, and reads the files then).
 */
export const evidenceStates: readonly CaseState[] = [...answerableStates, 'stuck'];
/** States in which a case needs a running execution: one that is gone is replaced from the stored state. */
export const inFlightStates = ['verifying', 'overdue', 'answered'] as const satisfies readonly CaseState[];

export interface CaseParty {
  role: Role;
  orgId: string;
  userId: string;
}

export interface Evidence {
  evidenceId: string;
  fileName: string;
  contentType: string;
  bytes: number;
  /** Object key in the reports bucket, where the subject's browser posts the file. */
  objectKey: string;
}

export interface CaseEvent {
  at: string;
  /**
   * `restarted`: the credit office took a stuck case up again; `resumed`: a new execution took up a case whose
   * execution was gone; `evidenceAdded`: the subject (or the credit office for it) added files before the answer.
   */
  event: 'raised' | 'opened' | 'reminded' | 'overdue' | 'escalated' | 'answered' | 'applied' | 'subjectTold' | 'stuck' | 'restarted' | 'resumed' | 'evidenceAdded';
  by?: string;
  note?: string;
}

/** The provider's answer: kept on the case first, so that it survives a lost task token. */
export interface CaseAnswer {
  outcome: CaseOutcome;
  reasoning: string;
  /** For `corrected`: the fields of the record's input that change (merged onto the current version). */
  correctedFields?: Record<string, unknown>;
  answeredBy: { orgId: string; userId: string };
  answeredAt: string;
}

export interface StoredCase {
  caseId: string;
  caseType: CaseType;
  recordId: string;
  /** The record's version when the case was raised. */
  recordVersion: number;
  recordKind: string;
  decisionNumber: string;
  /** The subject's key (a USCC, or a person key) and, for a person, its number masked and sealed (from the record). */
  subjectId: string;
  subjectType: 'uscc' | 'residentId';
  subjectMaskedId?: string;
  subjectSealedId?: string;
  subjectName: string;
  providerOrgId: string;
  raisedBy: CaseParty;
  raisedAt: string;
  raisedOn: IsoDate;
  reason: string;
  /** Credit repair: the subject's credit commitment (信用承诺) and how it corrected its conduct. */
  commitment?: string;
  correctiveActions?: string;
  evidence: Evidence[];
  state: CaseState;
  /** Set when the workflow opens the case: the last day the provider may answer (county-local). */
  answerBy?: IsoDate;
  /** The case's current execution of the verification workflow: the first is named by the case id, the n-th `<caseId>-<n>`. */
  executionArn?: string;
  /** How many executions the case has had (absent: one, named by the case id). */
  executions?: number;
  answer?: CaseAnswer;
  /** What the answer did: the record version now current, or the record's new lifecycle. */
  applied?: {
    outcome: CaseOutcome;
    appliedAt: string;
    recordVersion: number;
    recordStatus: string;
    /** An approved repair: the subject's credit commitment, published as a record of its own with the repair (repair-commitment.ts). */
    commitmentRecordId?: string;
  };
  stuck?: { at: string; error: string; cause?: string };
  history: CaseEvent[];
}

/** Case ids say their type: `obj_…` for objections, `rep_…` for repairs. */
export const caseIdPrefix: Record<CaseType, string> = { objection: 'obj_', repair: 'rep_' };
export const caseIdPattern = /^(obj|rep)_[A-Za-z0-9_-]{22}$/;

/** Names people read, in the notices and the console. */
export const caseTypeLabels: Record<CaseType, string> = { objection: '异议申诉', repair: '信用修复申请' };
export const outcomeLabels: Record<CaseOutcome, string> = {
  upheld: '维持原记录',
  corrected: '更正记录',
  revoked: '撤销记录',
  approved: '同意信用修复',
  refused: '不予信用修复',
};
