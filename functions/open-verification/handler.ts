import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { answerDeadline } from '../../shared/verification/answer-deadline.ts';
import { openCase } from '../../shared/verification/verification-cases.ts';
import { verificationStartInput } from '../../shared/workflows/verification-case.ts';

export const handler = backgroundHandler(verificationStartInput, async ({ event, county }) => {
  const now = new Date();
  const deadline = answerDeadline(event.noticeDate, county, now);
  await openCase(event, deadline, now);
  return deadline;
});
