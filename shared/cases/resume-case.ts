import { logger } from '../lambda/logger.ts';
import { inFlightStates, type CaseEvent, type CaseState, type StoredCase } from './case.ts';
import { claimExecution, getCase } from './case-store.ts';
import { caseExecutionStatus, executionArnOf, executionName, startCaseWorkflow, type CaseExecutionStatus } from './case-workflow.ts';

/** The case's current execution: the one it names, or (a case stored before it named one) the first, named by the case id. */
export const currentExecutionArn = (c: Pick<StoredCase, 'caseId' | 'executionArn'>): string => c.executionArn ?? executionArnOf(c.caseId);

/**
 * Takes a case up in a new execution (`<caseId>-<n>`) from what is stored: the input is still only the
 * case id, and OpenCase sends it where the case stands (an answered case straight to ApplyOutcome, an
 * unanswered one to wait again with the same answer day). The execution is claimed on the case before it
 * is started, on condition that no one claimed one since `c` was read: of an answer and the reconciliation
 * at once, one starts it. A claim whose start then failed names an execution that does not exist, which
 * the next reconciliation finds. Answers whether this caller took the case up.
 */
export async function resumeCase(
  c: StoredCase,
  how: { now: Date; by: string; event: Extract<CaseEvent['event'], 'resumed' | 'restarted'>; note: string; from?: readonly CaseState[]; to?: CaseState },
): Promise<boolean> {
  const n = (c.executions ?? 1) + 1;
  const name = executionName(c.caseId, n);
  const event: CaseEvent = { at: how.now.toISOString(), event: how.event, by: how.by, note: how.note };
  const claimed = await claimExecution(c, { executionArn: executionArnOf(name), executions: n }, event, { from: how.from ?? inFlightStates, ...(how.to ? { to: how.to } : {}) });
  if (!claimed) return false;
  await startCaseWorkflow(c.caseId, name);
  logger.info('case taken up in a new execution', { caseId: c.caseId, execution: name, by: how.by, note: how.note });
  return true;
}

/**
 * After an answer found no task waiting for it: a running execution finds the stored answer at its next
 * step; an execution that is gone (stopped, failed, timed out, never started) is replaced now, so the
 * answer is applied without waiting for the reconciliation. Answers what it found.
 */
export async function resumeIfExecutionGone(caseId: string, how: { now: Date; by: string }): Promise<{ execution: CaseExecutionStatus; resumed: boolean } | undefined> {
  const c = await getCase(caseId);
  if (!c || !(inFlightStates as readonly CaseState[]).includes(c.state)) return undefined;
  const execution = await caseExecutionStatus(currentExecutionArn(c));
  if (execution === 'RUNNING') return { execution, resumed: false };
  const resumed = await resumeCase(c, { ...how, event: 'resumed', note: `execution ${execution}` });
  return { execution, resumed };
}
