import { triggerOf } from '../../shared/public-site/functions.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { searchPublicRecords } from '../../shared/public-site/search-public-records.ts';

export const handler = publicHttpHandler(triggerOf('search-public-records'), async ({ query, county, now }) => ({
  body: await searchPublicRecords({ query, county, now }),
}));
