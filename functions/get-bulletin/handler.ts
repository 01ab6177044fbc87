import { triggerOf } from '../../shared/bulletins/functions.ts';
import { readBulletin } from '../../shared/bulletins/bulletins.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-bulletin'), async ({ params, caller }) => ({ body: await readBulletin(params.month, caller) }));
