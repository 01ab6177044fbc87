import { triggerOf } from '../../shared/filings/functions.ts';
import { listFilings } from '../../shared/filings/list-filings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-filings'), async ({ query, caller, county, now }) => ({ body: await listFilings({ query, caller, county, now }) }));
