import { httpHandler } from '../../shared/http/http-handler.ts';
import { triggerOf } from '../../shared/national-lists/functions.ts';
import { listNationalListEntries } from '../../shared/national-lists/read-national-lists.ts';

export const handler = httpHandler(triggerOf('list-national-list-entries'), async ({ query, county, now }) => ({ body: await listNationalListEntries({ subjectId: query.subjectId, county, now }) }));
