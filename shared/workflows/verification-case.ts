import { z } from 'zod';
import { isoDate } from '../config/county-config.ts';

/** What the verification workflow is started with. */
export const verificationStartInput = z.object({
  caseId: z.string().min(1),
  recordId: z.string().min(1),
  providerOrgId: z.string().min(1),
  /** The day the provider is notified; the answer period starts the next day. */
  noticeDate: isoDate,
});
export type VerificationStartInput = z.infer<typeof verificationStartInput>;

/** What OpenVerification returns, kept by the workflow at `$.deadline`. */
export interface VerificationDeadline {
  answerBy: string;
  /** Seconds from now to the end of the answer day, read by AwaitVerification's TimeoutSecondsPath. */
  timeoutSeconds: number;
}

/** What AwaitVerification's function receives (the token is `taskToken`). */
export const awaitVerificationInput = verificationStartInput.omit({ noticeDate: true }).extend({
  answerBy: isoDate,
  taskToken: z.string().min(1),
});

/** The provider's answer, as sent back with SendTaskSuccess. */
export const verificationAnswer = z.object({
  outcome: z.enum(['upheld', 'corrected', 'revoked']),
  reasoning: z.string().min(1).max(4000),
});

/** The state after AwaitVerification: the start input, the deadline and the answer. */
export const closeVerificationInput = verificationStartInput.extend({
  deadline: z.object({ answerBy: isoDate, timeoutSeconds: z.number() }),
  answer: verificationAnswer,
});

export const overdueVerificationInput = verificationStartInput.extend({
  deadline: z.object({ answerBy: isoDate, timeoutSeconds: z.number() }),
});
