import { httpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/national-lists/functions.ts';
import { getNationalListImport } from '../../shared/national-lists/read-national-lists.ts';

export const handler = httpHandler(triggerOf('get-national-list-import'), async ({ params }) => ({ body: await getNationalListImport(params.id) }));
