import { triggerOf } from '../../shared/filings/functions.ts';
import { filingStatus } from '../../shared/filings/list-filings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-filing-status'), async ({ query, county, now }) => ({ body: await filingStatus({ query, county, now }) }));
