import { triggerOf } from '../../shared/coverage/functions.ts';
import { getCoverage } from '../../shared/coverage/get-coverage.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-coverage'), async ({ query, caller, county, now }) => ({ body: await getCoverage({ query, caller, county, now }) }));
