import type { z } from 'zod';
import type { answerObjectionBody, decideRepairBody } from './api.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { CaseAlreadyAnswered, CaseStuck, forbidden, notFound, validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy, clearInput, latestVersion, recordDateProblems, recordInput, type RecordInput } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { logger } from '../lambda/logger.ts';
import { validatingOn } from '../time/request-day.ts';
import { normaliseCode } from '../subjects/normalise.ts';
import { answerableStates, type CaseAnswer, type CaseType, type StoredCase } from './case.ts';
import { presentCase, requireVisibleCase } from './case-access.ts';
import { getCase, readTaskToken, storeAnswer } from './case-store.ts';
import { signalAnswer } from './case-workflow.ts';
import { resumeIfExecutionGone } from './resume-case.ts';

type AnswerBody = z.output<typeof answerObjectionBody> | z.output<typeof decideRepairBody>;

/**
 * POST /objections/{id}/verification and POST /repairs/{id}/decision: the providing department answers
 * (any other department: 404, as for a case that does not exist).
 * The answer is stored on the case first (once: a second answer is 409), then the waiting workflow is
 * resumed with its task token; if no token is waiting at that moment (between a reminder and the next
 * wait), the next wait finds the stored answer and resumes itself; if the execution is gone (stopped,
 * failed, timed out at its limit), a new execution is started from the stored case and applies it. A correction is validated here, so
 * that a bad one is a 400 to the department, not a failed workflow.
 */
export async function answerCase(args: { caseType: CaseType; caseId: string; body: AnswerBody; caller: Caller; county: CountyConfig; now: Date }) {
  const { caseType, caseId, body, caller, county, now } = args;
  // A case the caller may not see is 404, as GET answers: neither its existence nor its provider is told.
  const c = requireVisibleCase(caller, await getCase(caseId), caseType, caseId);
  if (!accessPolicy.answerCase(caller, c)) throw forbidden(`only the department that provided the record may answer this ${caseType}`);
  refuseUnlessAnswerable(c);

  const asked = 'correctedFields' in body ? body.correctedFields : undefined;
  if (asked) await validateCorrection(c, asked, localDate(now, county.timeZone));
  const correctedFields = asked && withoutSubjectIds(asked);

  const answer: CaseAnswer = {
    outcome: body.outcome,
    reasoning: body.reasoning,
    ...(correctedFields ? { correctedFields } : {}),
    answeredBy: { orgId: caller.orgId, userId: caller.userId },
    answeredAt: now.toISOString(),
  };
  if ((await storeAnswer(caseId, answer, { at: now.toISOString(), event: 'answered', by: caller.orgId, note: body.outcome })) === 'notAnswerable') {
    refuseUnlessAnswerable((await getCase(caseId))!);
    throw new CaseAlreadyAnswered(`${caseType} ${caseId} was answered already`);
  }
  const token = await readTaskToken(caseId);
  const delivered = token ? await signalAnswer(token, { caseId, outcome: body.outcome }) : 'notWaiting';
  if (delivered === 'notWaiting') await applyLater(caseId, caller, now);
  return { body: await presentCase((await getCase(caseId))!, caller) };
}

/**
 * No task took the answer: if the case's execution is gone, a new one applies it now. The answer is stored
 * whatever happens here, so a failure to start is not the department's: it is logged, and the daily
 * reconciliation takes the case up.
 */
async function applyLater(caseId: string, caller: Caller, now: Date): Promise<void> {
  try {
    await resumeIfExecutionGone(caseId, { now, by: caller.orgId });
  } catch (error) {
    logger.warn('answer stored, its workflow not resumed: the reconciliation will', { caseId, error: error instanceof Error ? error.name : String(error) });
  }
}

function refuseUnlessAnswerable(c: StoredCase): void {
  if (answerableStates.includes(c.state)) return;
  if (c.state === 'stuck')
    throw new CaseStuck(`the workflow of ${c.caseId} failed; the credit office must restart it before it can be answered`);
  throw new CaseAlreadyAnswered(`${c.caseType} ${c.caseId} was answered already (${c.answer?.outcome ?? c.state}); its workflow has ended or is applying the answer`);
}

/**
 * The corrected record the answer would store: the current input with the changed fields, valid as a
 * record. `subject` merges field by field: a correction of the name keeps the codes (which it may not change).
 */
export function correctedInput(current: RecordInput, correctedFields: Record<string, unknown>): RecordInput {
  return recordInput.parse(correctedInputShape(current, correctedFields));
}

const correctedInputShape = (current: RecordInput, correctedFields: Record<string, unknown>) => {
  const subject = correctedFields.subject && typeof correctedFields.subject === 'object' ? { subject: { ...current.subject, ...correctedFields.subject } } : {};
  return { ...current, ...correctedFields, ...subject };
};

/**
 * The correction as stored on the case: the subject's codes and the legal representative's ID number (equal
 * to the record's, see validateCorrection) left out, so no ID number is kept.
 */
function withoutSubjectIds(correctedFields: Record<string, unknown>): Record<string, unknown> {
  if (!correctedFields.subject || typeof correctedFields.subject !== 'object') return correctedFields;
  const { uscc: _uscc, residentId: _residentId, legalRepresentativeIdNumber: _representativeId, ...subject } = correctedFields.subject as Record<string, unknown>;
  return { ...correctedFields, subject };
}

async function validateCorrection(c: StoredCase, correctedFields: Record<string, unknown>, today: string): Promise<void> {
  for (const fixed of ['kind', 'decisionNumber'] as const)
    if (fixed in correctedFields) throw validationFailed(`body.correctedFields.${fixed}`, `${fixed} identifies the record and cannot be corrected`);
  const record = await latestVersion(c.recordId);
  if (!record) throw notFound(`record ${c.recordId}`);
  const current = await clearInput(record);
  const subject = correctedFields.subject as Record<string, unknown> | undefined;
  if (subject && typeof subject === 'object')
    for (const code of ['uscc', 'residentId'] as const)
      if (code in subject && normaliseCode(String(subject[code] ?? '')) !== (current.subject[code] ?? ''))
        throw validationFailed(`body.correctedFields.subject.${code}`, "identifies whose record it is and cannot be corrected: revoke the record and push one for the right subject");
  const parsed = validatingOn(today, () => recordInput.safeParse(correctedInputShape(current, correctedFields)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw validationFailed(`body.correctedFields.${issue.path.join('.')}`, issue.message);
  }
  // The answer is kept on the case and shown with it: a new number would be kept there in clear.
  if (parsed.data.subject.legalRepresentativeIdNumber !== current.subject.legalRepresentativeIdNumber)
    throw validationFailed(
      'body.correctedFields.subject.legalRepresentativeIdNumber',
      'is not corrected through a case (the answer is kept on the case, a personal ID number must not be): correct the record (PUT /records/{id}) once the case is closed',
    );
  const problem = recordDateProblems(parsed.data, today)[0];
  if (problem) throw validationFailed(`body.correctedFields.${problem.field}`, problem.rule);
}
