import * as z from 'zod';
import { caseIdPattern } from './case.ts';

/**
 * What each task of the verification workflow receives. The execution's input is only the case id;
 * the tasks read the case from the table, so nothing about a subject travels through execution history.
 */
const caseId = z.string().regex(caseIdPattern);

export const caseWorkflowInput = z.object({ caseId });
export const openCaseInput = z.object({ caseId, executionArn: z.string().min(1) });
/** AwaitAnswer's payload: the token is never logged (the state machine logs no execution data). */
export const awaitAnswerInput = z.object({ caseId, taskToken: z.string().min(1), wakeAt: z.string().optional() });
export const markStuckInput = z.object({
  caseId,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).default({}),
});
