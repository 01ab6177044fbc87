import { triggerOf } from '../../shared/coverage/functions.ts';
import { getAccountability } from '../../shared/coverage/get-coverage.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-accountability'), async ({ query, county, now }) => ({ body: await getAccountability({ query, county, now }) }));
