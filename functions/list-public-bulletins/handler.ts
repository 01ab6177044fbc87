import { triggerOf } from '../../shared/bulletins/functions.ts';
import { readPublicBulletins } from '../../shared/bulletins/bulletin-files.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-public-bulletins'), async () => ({ body: await readPublicBulletins() }));
