import { triggerOf } from '../../shared/bulletins/functions.ts';
import { readPublicBulletins } from '../../shared/bulletins/bulletin-files.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

export const handler = publicHttpHandler(triggerOf('list-public-bulletins'), async () => ({ body: await readPublicBulletins() }));
