import { httpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/national-lists/functions.ts';
import { listNationalListImports } from '../../shared/national-lists/read-national-lists.ts';

export const handler = httpHandler(triggerOf('list-national-list-imports'), async ({ query }) => ({ body: await listNationalListImports(query) }));
