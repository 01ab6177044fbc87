import { triggerOf } from '../../shared/matter-lists/functions.ts';
import { listMatterLists } from '../../shared/matter-lists/read-matter-lists.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-matter-lists'), async ({ query, caller }) => ({ body: await listMatterLists({ query, caller }) }));
