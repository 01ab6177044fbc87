import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { changeAgencyStatus } from '../../shared/reports/agencies.ts';

export const handler = httpHandler(triggerOf('update-agency'), async ({ params, body, caller, now }) => ({
  body: await changeAgencyStatus(params.id, body, caller, now),
}));
