import { triggerOf } from '../../shared/compliance/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { annotateAssessment } from '../../shared/compliance/assessments.ts';

export const handler = httpHandler(triggerOf('annotate-assessment'), async ({ params, body, caller, county, now }) => ({
  status: 201,
  body: await annotateAssessment({ month: params.month, body, caller, county, now }),
}));
