import { triggerOf } from '../../shared/objections/functions.ts';
import { answerObjection } from '../../shared/objections/objections.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('answer-objection'), ({ params, body, caller, county, now }) => answerObjection({ caseId: params.id, body, caller, county, now }));
