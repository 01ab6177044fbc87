import { triggerOf } from '../../shared/bulletins/functions.ts';
import { readBulletinList } from '../../shared/bulletins/bulletins.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-bulletins'), async ({ caller }) => ({ body: await readBulletinList(caller) }));
