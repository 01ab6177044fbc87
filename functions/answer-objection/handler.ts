import { triggerOf } from '../../shared/cases/functions.ts';
import { answerCase } from '../../shared/cases/answer-case.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('answer-objection'), ({ params, body, caller, county, now }) =>
  answerCase({ caseType: 'objection', caseId: params.id, body, caller, county, now }),
);
