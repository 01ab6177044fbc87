import { awaitAnswer } from '../../shared/cases/case-tasks.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { awaitAnswerInput } from '../../shared/cases/verification-case.ts';

export const handler = backgroundHandler(awaitAnswerInput, ({ event }) => awaitAnswer(event));
