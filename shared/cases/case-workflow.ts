import { ExecutionAlreadyExists, InvalidToken, SendTaskSuccessCommand, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { sfn, workflowArn } from '../storage/clients.ts';
import { verificationWorkflow } from '../workflows/workflows.ts';
import type { CaseOutcome } from './case.ts';

/** What the verification workflow starts with: the case id; every task reads the case itself. */
export interface CaseWorkflowInput {
  caseId: string;
}

/**
 * Starts the case's execution, named by the case id (a restart of a stuck case adds a suffix). Idempotent: the same name and input of a running
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
