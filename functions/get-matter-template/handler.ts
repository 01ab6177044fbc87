import { triggerOf } from '../../shared/coverage/functions.ts';
import { matterTemplate } from '../../shared/coverage/matter-template.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-matter-template'), async ({ caller, now }) => ({ file: await matterTemplate(caller, now) }));
