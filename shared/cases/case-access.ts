import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { notFound } from '../errors/domain-errors.ts';
import { showSubjectId } from '../privacy/personal-ids.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import type { CaseEvent, CaseType, StoredCase } from './case.ts';
import type { evidenceState } from './evidence.ts';

export function requireVisibleCase(caller: Caller, c: StoredCase | undefined, caseType: CaseType, caseId: string): StoredCase {
  if (!c || c.caseType !== caseType || !accessPolicy.seeCase(caller, c)) throw notFound(`${caseType} ${caseId}`);
  return c;
}

/** What a case whose workflow failed shows to anyone but the credit office, in place of the workflow's error. */
export const stuckMessage = '处理流程暂时受阻，信用办正在处理，案件及其进展均已保留。';

/**
 * The case as an API answer: no task token; a person's ID number only for the person and the credit
 * office. Why a workflow failed (the Step Functions error and cause, an exception's text) is the credit
 * office's, which restarts it: the subject and the provider see that the case is stuck and `stuckMessage`.
 * Evidence is listed without links unless `evidenceLinks` (shared/cases/evidence.ts: `evidenceState`) is given.
 */
export async function presentCase(c: StoredCase, caller: Caller, options: { evidenceLinks?: typeof evidenceState } = {}) {
  const unmasked = accessPolicy.revealIds(caller, c.subjectId);
  const operator = accessPolicy.seeWorkflowErrors(caller);
  return {
    caseId: c.caseId,
    caseType: c.caseType,
    state: c.state,
    record: { recordId: c.recordId, kind: c.recordKind, decisionNumber: c.decisionNumber, version: c.recordVersion },
    subject: { id: await showSubjectId({ id: c.subjectId, type: c.subjectType, maskedId: c.subjectMaskedId, sealedId: c.subjectSealedId }, unmasked), type: c.subjectType, name: c.subjectName },
    providerOrgId: c.providerOrgId,
    raisedAt: c.raisedAt,
    // A subject raising its own case is named as the subject is (a person's key is not shown).
    raisedBy: { role: c.raisedBy.role, orgId: c.raisedBy.role === 'subject' ? 'subject' : c.raisedBy.orgId },
    reason: unmasked ? c.reason : maskResidentIdsIn(c.reason),
    ...(c.commitment ? { commitment: c.commitment } : {}),
    ...(c.correctiveActions ? { correctiveActions: c.correctiveActions } : {}),
    ...(c.answerBy ? { answerBy: c.answerBy } : {}),
    // Links to the files only where the caller hands in the S3 reader (reading one case): so the functions
    // that answer, list, raise or restart cases carry no S3 reader, which their grants would refuse anyway.
    evidence: options.evidenceLinks
      ? await options.evidenceLinks(c.caseId, c.evidence)
      : c.evidence.map(({ objectKey: _key, ...file }) => file),
    history: operator ? c.history : c.history.map(withoutWorkflowError),
    ...(c.answer
      ? { answer: { outcome: c.answer.outcome, reasoning: c.answer.reasoning, ...(c.answer.correctedFields ? { correctedFields: c.answer.correctedFields } : {}), answeredBy: c.answer.answeredBy.orgId, answeredAt: c.answer.answeredAt } }
      : {}),
    ...(c.applied ? { applied: c.applied } : {}),
    ...(c.stuck ? { stuck: operator ? c.stuck : { at: c.stuck.at, message: stuckMessage } } : {}),
  };
}

/** The events whose note is a workflow's error (`stuck`: the error; `restarted`: "after" it) lose the note. */
const withoutWorkflowError = (event: CaseEvent): CaseEvent => {
  if (event.event !== 'stuck' && event.event !== 'restarted') return event;
  const { note: _error, ...shown } = event;
  return shown;
};
