import { triggerOf } from '../../shared/bulletins/functions.ts';
import { publishBulletin } from '../../shared/bulletins/bulletins.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('publish-bulletin'), async ({ params, body, caller, county, now }) => ({ body: await publishBulletin({ month: params.month, body, caller, county, now }) }));
