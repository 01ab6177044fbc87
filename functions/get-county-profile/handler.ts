import { triggerOf } from '../../shared/public-site/functions.ts';
import { localDate } from '../../shared/calendar/dates.ts';
import { countyProfile } from '../../shared/public-site/county-profile.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';

export const handler = publicHttpHandler(triggerOf('get-county-profile'), async ({ county, query, now }) => ({
  body: countyProfile(county, query.date ?? localDate(now, county.timeZone)),
  headers: { 'cache-control': 'public, max-age=300' },
}));
