import { triggerOf } from '../../shared/reports/functions.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { publicAgencies } from '../../shared/reports/agencies.ts';

export const handler = publicHttpHandler(triggerOf('list-agencies'), async () => ({ body: { agencies: await publicAgencies() } }));
