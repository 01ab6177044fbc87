import { httpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/national-lists/functions.ts';
import { getNationalListSources } from '../../shared/national-lists/read-national-lists.ts';

export const handler = httpHandler(triggerOf('get-national-list-sources'), async ({ county, now }) => ({ body: await getNationalListSources({ county, now }) }));
