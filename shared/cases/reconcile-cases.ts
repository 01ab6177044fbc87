import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { publishNotice } from '../notices/port.ts';
import { logger } from '../lambda/logger.ts';
import { inFlightStates, type CaseState, type CaseType, type StoredCase } from './case.ts';
import { caseReconciliationNotice } from './case-notices.ts';
import { casesInState, getCase, markStuck } from './case-store.ts';
import { caseExecutionStatus, stopCaseExecution, type CaseExecutionStatus } from './case-workflow.ts';
import { currentExecutionArn, resumeCase } from './resume-case.ts';

/** What the daily reconciliation reads, and what it leaves alone. */
export const reconciliation = {
  /** The history's name for it. */
  by: 'reconciliation',
  /** A case that entered its state less than this long ago may still be starting or ending its execution: the next run looks. */
  settleMs: 3600_000,
  /** Closed cases looked at: those closed in the last days (a daily run, with room for runs that failed). */
  closedWithinDays: 3,
  /** A case the reconciliation took up this recently whose execution is gone again is not taken up in a loop: it is reported. */
  loopGuardMs: 36 * 3600_000,
} as const;

/**
 * Why a case in flight whose execution is gone is reported instead of taken up: its execution failed
 * without marking it stuck (MarkStuck itself failed, or a runtime error: a retry does not mend that); the
 * reconciliation took it up within the last day and a half and it is gone again; a new one did not start.
 */
export type ReconciliationRefusal = 'executionFailed' | 'goneAgain' | 'startFailed';

export interface ReconciledCase {
  caseId: string;
  caseType: CaseType;
  state: CaseState;
  execution: CaseExecutionStatus;
  /** Why a reported case was not taken up again. */
  reason?: ReconciliationRefusal;
}

export interface ReconciliationResult {
  /** Cases whose execution was looked at. */
  checked: number;
  /** In flight without a running execution: taken up again in a new one, from the stored state. */
  resumed: ReconciledCase[];
  /** Closed with an execution still running: stopped. */
  stopped: ReconciledCase[];
  /** In flight without a running execution and not to be taken up automatically: marked stuck, the credit office told. */
  reported: ReconciledCase[];
}

/**
 * reconcile-cases (daily): finds the cases whose state and execution disagree, through the state index
 * (the cases in flight — verifying, overdue, answered — and those closed in the last days; never a scan):
 * - in flight, and its execution is gone (stopped, timed out at the execution's limit, ended, never
 *   started): a new execution takes it up from the stored state (an answered case is applied at once);
 * - in flight, and its execution failed, or it was taken up a moment ago and is gone again: marked
 *   stuck and reported to the credit office, which restarts it once the fault is mended;
 * - closed, and its execution still runs: stopped (it has nothing left to do).
 * A case that entered its state within the last hour is left to the next run: its execution may be starting.
 */
export async function reconcileCases(args: { county: CountyConfig; now: Date }): Promise<ReconciliationResult> {
  const { county, now } = args;
  const result: ReconciliationResult = { checked: 0, resumed: [], stopped: [], reported: [] };
  const before = new Date(now.getTime() - reconciliation.settleMs).toISOString();

  for (const state of inFlightStates) {
    for await (const listed of casesInState(state, { before })) {
      // The index lags a moment behind the case: act on the case as it is now.
      const c = await getCase(listed.caseId);
      if (!c || c.state !== state) continue;
      result.checked += 1;
      const execution = await caseExecutionStatus(currentExecutionArn(c));
      if (execution === 'RUNNING') continue;
      const found: ReconciledCase = { caseId: c.caseId, caseType: c.caseType, state, execution };
      const refusal = whyNotTakenUp(c, execution, now);
      if (!refusal) {
        try {
          if (await resumeCase(c, { now, by: reconciliation.by, event: 'resumed', note: `execution ${execution}` })) result.resumed.push(found);
          continue;
        } catch (error) {
          logger.warn('a case could not be taken up again', { caseId: c.caseId, error: error instanceof Error ? error.name : String(error) });
          await report(c, { ...found, reason: 'startFailed' }, county, now, result);
          continue;
        }
      }
      await report(c, { ...found, reason: refusal }, county, now, result);
    }
  }

  const since = new Date(now.getTime() - reconciliation.closedWithinDays * 24 * 3600_000).toISOString();
  for await (const c of casesInState('closed', { since, before })) {
    result.checked += 1;
    const executionArn = currentExecutionArn(c);
    if ((await caseExecutionStatus(executionArn)) !== 'RUNNING') continue;
    await stopCaseExecution(executionArn, `case ${c.caseId} is closed: its execution has nothing left to do`);
    result.stopped.push({ caseId: c.caseId, caseType: c.caseType, state: 'closed', execution: 'RUNNING' });
  }

  logger.info('cases reconciled', {
    checked: result.checked,
    resumed: result.resumed.map((r) => r.caseId),
    stopped: result.stopped.map((r) => r.caseId),
    reported: result.reported.map((r) => r.caseId),
  });
  return result;
}

/** Why a case in flight whose execution is gone is not simply taken up again, or undefined. */
function whyNotTakenUp(c: StoredCase, execution: CaseExecutionStatus, now: Date): ReconciliationRefusal | undefined {
  if (execution === 'FAILED') return 'executionFailed';
  const last = c.history.findLast((e) => e.event === 'resumed' && e.by === reconciliation.by);
  if (last && now.getTime() - new Date(last.at).getTime() < reconciliation.loopGuardMs) return 'goneAgain';
  return undefined;
}

/** Keeps the case visible as stuck (its suspension too) and tells the credit office, once per case and day. */
async function report(c: StoredCase, found: ReconciledCase, county: CountyConfig, now: Date, result: ReconciliationResult): Promise<void> {
  const at = now.toISOString();
  await markStuck(c.caseId, { at, error: `Execution${found.execution}`, cause: found.reason }, { at, event: 'stuck', by: reconciliation.by, note: found.reason });
  await publishNotice(caseReconciliationNotice(c, found, localDate(now, county.timeZone)), now);
  result.reported.push(found);
}
