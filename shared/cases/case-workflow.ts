import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { workflowArn } from '../storage/resource-names.ts';
import { sfn } from '../storage/sfn-client.ts';
import { verificationWorkflow } from './workflows.ts';
import type { CaseOutcome } from './case.ts';

/** What the verification workflow starts with: the case id; every task reads the case itself. */
export interface CaseWorkflowInput {
  caseId: string;
}

/** The name of a case's n-th execution: the first is named by the case id, later ones `<caseId>-<n>` (names are unique per state machine). */
export const executionName = (caseId: string, n = 1): string => (n > 1 ? `${caseId}-${n}` : caseId);

/** The ARN an execution of the verification workflow gets from its name, as Step Functions forms it: known before it starts. */
export function executionArnOf(name: string): string {
  const machine = workflowArn(verificationWorkflow.id);
  return `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** Where an execution stands, or `MISSING` when there is none by that ARN (never started, or gone from history). */
export type CaseExecutionStatus = ExecutionStatus | 'MISSING';

export async function caseExecutionStatus(executionArn: string): Promise<CaseExecutionStatus> {
  try {
    return (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status ?? 'MISSING';
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'MISSING';
    throw error;
  }
}

/** Stops an execution that has nothing left to do (its case closed); one that ended meanwhile is left as it is. */
export async function stopCaseExecution(executionArn: string, cause: string): Promise<void> {
  await sfn.send(new StopExecutionCommand({ executionArn, error: 'CaseClosed', cause }));
}

/**
 * Starts the case's execution, named by the case id or `<caseId>-<n>` for a later one. Idempotent: the same name and input of a running
 * execution answers with it, and an execution that already ended is left alone.
 */
export async function startCaseWorkflow(caseId: string, executionName = caseId): Promise<void> {
  const input: CaseWorkflowInput = { caseId };
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn: workflowArn(verificationWorkflow.id), name: executionName, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/** What AwaitAnswer's task returns to the workflow. */
export interface AnswerSignal {
  caseId: string;
  outcome: CaseOutcome;
}

/**
 * Resumes the workflow waiting on `taskToken`. A token that is no longer waiting (the wait timed out
 * for a reminder, or the execution moved on) is not an error: the answer is stored on the case, and
 * the next AwaitAnswer delivers it.
 */
export async function signalAnswer(taskToken: string, signal: AnswerSignal): Promise<'delivered' | 'notWaiting'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(signal) }));
    return 'delivered';
  } catch (error) {
    if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) return 'notWaiting';
    throw error;
  }
}
