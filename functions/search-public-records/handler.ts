import { triggerOf } from '../../shared/public-site/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { searchPublicRecords } from '../../shared/public-site/search-public-records.ts';

export const handler = httpHandler(triggerOf('search-public-records'), async ({ query, county, now }) => ({
  body: await searchPublicRecords({ query, county, now }),
}));
