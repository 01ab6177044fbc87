import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { closeCase } from '../../shared/verification/verification-cases.ts';
import { closeVerificationInput } from '../../shared/workflows/verification-case.ts';

export const handler = backgroundHandler(closeVerificationInput, async ({ event }) => {
  const now = new Date();
  await closeCase(event.caseId, event.answer, now);
  return { caseId: event.caseId, outcome: event.answer.outcome, closedAt: now.toISOString() };
});
