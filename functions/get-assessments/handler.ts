import { triggerOf } from '../../shared/compliance/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { readAssessments } from '../../shared/compliance/assessments.ts';

export const handler = httpHandler(triggerOf('get-assessments'), async ({ query, caller, county, now }) => ({ body: await readAssessments({ query, caller, county, now }) }));
