import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { restoreReputation } from '../checks/port.ts';
import { publishNotice, publishNotices } from '../notices/port.ts';
import { logger } from '../lambda/logger.ts';
import { buildRecordVersion, clearInput, correctionItems, keepFirstReceipt, latestVersion, newRecordItems, protectInput } from '../records/port.ts';
import type { RecordCorrection } from '../checks/port.ts';
import type { StoredCase } from './case.ts';
import type { CaseStep } from './workflows.ts';
import { correctedInput } from './answer-case.ts';
import { repairCommitmentRecord } from './repair-commitment.ts';
import { answerDay, answerDeadlineInstant, nextWake, type WaitPlan } from './case-deadline.ts';
import {
  caseDecidedNotice,
  caseEscalationNotices,
  caseOpenedNotice,
  caseOverdueNotices,
  caseReminderNotice,
  caseStuckNotice,
} from './case-notices.ts';
import { applyAnswer, getCase, markOpened, markStuck, recordEvent, releaseRecord, storeTaskToken } from './case-store.ts';
import { signalAnswer } from './case-workflow.ts';

/**
 * The work of each state of the verification workflow (see infra/stack/verification-workflow.ts).
 * Every task reads the case from the table and is safe to run twice: Step Functions retries a failed
 * task, and the local runtime re-runs the state it was in after a restart.
 */

async function requireCase(caseId: string): Promise<StoredCase> {
  const c = await getCase(caseId);
  if (!c) throw Object.assign(new Error(`case ${caseId} does not exist`), { name: 'CaseNotFound' });
  return c;
}

/**
 * What OpenCase and WaitElapsed tell the workflow's NextStep: wait for the answer (until the planned
 * wake-up), or, for a case that no longer waits, where it goes instead.
 */
export type CaseStepPlan = ({ next: 'await' } & WaitPlan) | { next: Exclude<CaseStep, 'await'> };

/** Where a case that does not wait for its provider goes next: an answered one is applied, a closed or stuck one ends. */
function stepOf(c: StoredCase): CaseStepPlan | undefined {
  if (c.state === 'answered') return { next: 'apply' };
  if (c.state === 'closed' || c.state === 'stuck') return { next: c.state };
  return undefined;
}

/**
 * OpenCase: the answer day (N working days after the notice, which is today), the provider notified, the
 * first wait planned. A case taken up again by a new execution keeps its answer day and is not notified
 * twice; if it is answered already, it goes straight to ApplyOutcome.
 */
export async function openCase(args: { caseId: string; executionArn: string; county: CountyConfig; now: Date }): Promise<CaseStepPlan> {
  const { county, now } = args;
  const today = localDate(now, county.timeZone);
  const before = await requireCase(args.caseId);
  const elsewhere = stepOf(before);
  if (elsewhere) return elsewhere;
  const answerBy = before.answerBy ?? answerDay(today, county);
  const c = await markOpened(args.caseId, answerBy, args.executionArn, { at: now.toISOString(), event: 'opened', note: `answer by ${answerBy}` });
  await publishNotice(caseOpenedNotice(c, c.answerBy!, county, today), now);
  return stepOf(c) ?? { next: 'await', ...nextWake(c.answerBy!, county, now) };
}

/** AwaitAnswer: keeps the task token; delivers at once an answer that arrived while no token was waiting. */
export async function awaitAnswer(args: { caseId: string; taskToken: string }): Promise<{ caseId: string }> {
  const c = await storeTaskToken(args.caseId, args.taskToken);
  if (c?.state === 'answered' && c.answer) await signalAnswer(args.taskToken, { caseId: c.caseId, outcome: c.answer.outcome });
  logger.info('awaiting the provider', { caseId: args.caseId, state: c?.state, answerBy: c?.answerBy });
  return { caseId: args.caseId };
}

/**
 * WaitElapsed: the wait ended without an answer. Before the answer day ends, remind the provider; when
 * it has ended, mark the case overdue and tell the credit office and the provider (once), then escalate
 * to both every few working days. An objection's suspension stays: only the provider's answer lifts it. Plans the next wait.
 */
export async function waitElapsed(args: { caseId: string; county: CountyConfig; now: Date }): Promise<CaseStepPlan> {
  const { county, now } = args;
  const c = await requireCase(args.caseId);
  const elsewhere = stepOf(c);
  if (elsewhere) return elsewhere;
  const answerBy = c.answerBy!;
  const today = localDate(now, county.timeZone);
  const at = now.toISOString();
  if (now < answerDeadlineInstant(answerBy, county)) {
    if ((await publishNotice(caseReminderNotice(c, answerBy, today), now)).published) await recordEvent(c.caseId, { at, event: 'reminded', note: today });
  } else if (c.state === 'verifying') {
    // The notice first: a retry after a failure between the two publishes nothing twice and still moves the case.
    await publishNotices(caseOverdueNotices(c, answerBy, county, today), now);
    await recordEvent(c.caseId, { at, event: 'overdue', note: `answer day ${answerBy} passed` }, { from: ['verifying'], to: 'overdue' });
  } else if ((await publishNotices(caseEscalationNotices(c, answerBy, today), now)).published > 0) {
    await recordEvent(c.caseId, { at, event: 'escalated', note: today });
  }
  return { next: 'await', ...nextWake(answerBy, county, now) };
}

/**
 * ApplyOutcome: applies the stored answer to the record and to the case in one transaction (the
 * suspension ends with it), then restores the subject's reputation with every department that checked
 * it while the wrong data was visible (corrected, revoked, repaired), tells the subject, and only then
 * closes the case: `closed` means all of it is done. A retry finds what was applied and only repeats the
 * (idempotent) notices.
 */
export async function applyOutcome(args: { caseId: string; county: CountyConfig; now: Date }) {
  const { county, now } = args;
  const today = localDate(now, county.timeZone);
  let c = await requireCase(args.caseId);
  if (c.state === 'closed') return { caseId: c.caseId, outcome: c.applied!.outcome, recordVersion: c.applied!.recordVersion, checksCorrected: 0 };
  if (!c.applied) {
    if (c.state !== 'answered' || !c.answer) throw Object.assign(new Error(`case ${c.caseId} is ${c.state}, not answered`), { name: 'CaseNotAnswered' });
    const record = await latestVersion(c.recordId);
    if (!record) throw Object.assign(new Error(`record ${c.recordId} does not exist`), { name: 'RecordNotFound' });
    const { outcome } = c.answer;
    const event = { at: now.toISOString(), event: 'applied' as const, note: outcome };
    if (outcome === 'corrected') {
      const next = keepFirstReceipt(record, buildRecordVersion({
        input: await protectInput(correctedInput(await clearInput(record), c.answer.correctedFields ?? {})),
        providerOrgId: record.providerOrgId,
        receivedAt: now,
        receivedOn: today,
        county,
        calendar: workingDayCalendar(county.calendar),
        version: record.version + 1,
        correction: { reason: `${c.caseId}：${c.answer.reasoning}`, previousVersion: record.version },
      }));
      await applyAnswer(c, { outcome, appliedAt: now.toISOString(), recordVersion: next.version, recordStatus: next.lifecycle },
        correctionItems(record, next, { condition: 'openCaseId = :case', values: { ':case': c.caseId } }), event);
    } else {
      const lifecycle =
        outcome === 'revoked' ? 'revoked' : outcome === 'approved' ? 'repaired' : record.correction ? 'corrected' : 'active';
      // An approved repair publishes the subject's credit commitment with it, in the same transaction.
      const commitment = outcome === 'approved' && c.commitment ? await repairCommitmentRecord(c, record, county, today, now) : undefined;
      const extra =
        outcome === 'revoked'
          ? { revokedAt: now.toISOString() }
          : outcome === 'approved'
            ? { repairedAt: now.toISOString(), ...(commitment ? { repairCommitmentRecordId: commitment.recordId } : {}) }
            : {};
      await applyAnswer(
        c,
        { outcome, appliedAt: now.toISOString(), recordVersion: record.version, recordStatus: lifecycle, ...(commitment ? { commitmentRecordId: commitment.recordId } : {}) },
        [...releaseRecord(record, c.caseId, lifecycle, now.toISOString(), extra), ...(commitment ? newRecordItems(commitment) : [])],
        event,
      );
    }
    c = await requireCase(args.caseId);
  }

  const applied = c.applied!;
  let departmentsTold = 0;
  if (applied.outcome === 'corrected' || applied.outcome === 'revoked' || applied.outcome === 'approved') {
    const correction: RecordCorrection = {
      caseId: c.caseId,
      caseType: c.caseType,
      recordId: c.recordId,
      subjectId: c.subjectId,
      subjectName: c.subjectName,
      decisionNumber: c.decisionNumber,
      providerOrgId: c.providerOrgId,
      outcome: applied.outcome === 'approved' ? 'repaired' : applied.outcome,
      currentVersion: applied.recordVersion,
      reasoning: c.answer!.reasoning,
      decidedAt: applied.appliedAt,
      decidedOn: localDate(new Date(applied.appliedAt), county.timeZone),
    };
    departmentsTold = (await restoreReputation({ correction, county, now })).checks.length;
  }
  await publishNotice(caseDecidedNotice(c, today), now);
  await recordEvent(
    c.caseId,
    { at: now.toISOString(), event: 'subjectTold', ...(departmentsTold ? { note: `${departmentsTold} checks corrected` } : {}) },
    { from: ['answered'], to: 'closed' },
  );
  return { caseId: c.caseId, outcome: applied.outcome, recordVersion: applied.recordVersion, checksCorrected: departmentsTold };
}

/** MarkStuck: the workflow gave up after its retries. The case stays, visible as stuck, its suspension kept; the credit office is told. */
export async function markCaseStuck(args: { caseId: string; error: { Error?: string; Cause?: string }; county: CountyConfig; now: Date }) {
  const { county, now } = args;
  const c = await requireCase(args.caseId);
  const error = args.error.Error ?? 'unknown error';
  const cause = args.error.Cause?.slice(0, 1000);
  const marked = await markStuck(c.caseId, { at: now.toISOString(), error, ...(cause ? { cause } : {}) }, { at: now.toISOString(), event: 'stuck', note: error });
  if (marked) await publishNotice(caseStuckNotice(c, error, localDate(now, county.timeZone)), now);
  return { caseId: c.caseId, stuck: marked };
}
