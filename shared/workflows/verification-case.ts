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
