import { triggerOf } from '../../shared/filings/functions.ts';
import { filingDocument } from '../../shared/filings/list-filings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-filing-document'), async ({ params, query, caller, county }) => ({ body: await filingDocument({ kind: params.kind, period: params.period, query, caller, county }) }));
