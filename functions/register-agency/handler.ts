import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { registerAgency } from '../../shared/reports/agencies.ts';

export const handler = httpHandler(triggerOf('register-agency'), async ({ body, now }) => ({ body: await registerAgency(body, now) }));
