import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { logger } from '../../shared/observability/logger.ts';
import { storeTaskToken } from '../../shared/verification/verification-cases.ts';
import { awaitVerificationInput } from '../../shared/workflows/verification-case.ts';

export const handler = backgroundHandler(awaitVerificationInput, async ({ event }) => {
  await storeTaskToken(event.caseId, event.taskToken, new Date());
  logger.info('awaiting the provider', { caseId: event.caseId, answerBy: event.answerBy });
  return { caseId: event.caseId };
});
