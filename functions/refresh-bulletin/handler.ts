import { triggerOf } from '../../shared/bulletins/functions.ts';
import { refreshBulletin } from '../../shared/bulletins/bulletins.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('refresh-bulletin'), async ({ params, body, caller, county, now }) => ({ body: await refreshBulletin({ month: params.month, body, caller, county, now }) }));
