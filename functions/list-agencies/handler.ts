import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { publicAgencies } from '../../shared/reports/agencies.ts';

export const handler = httpHandler(triggerOf('list-agencies'), async () => ({ body: { agencies: await publicAgencies() } }));
