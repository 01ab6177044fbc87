import { triggerOf } from '../../shared/compliance/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { dataQuality } from '../../shared/compliance/data-quality.ts';

export const handler = httpHandler(triggerOf('get-data-quality'), async ({ query, caller, county, now }) => ({ body: await dataQuality({ query, caller, county, now }) }));
