import { triggerOf } from '../../shared/notices/functions.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { listPublicNotices } from '../../shared/notices/list-notices.ts';

export const handler = publicHttpHandler(triggerOf('list-public-notices'), async ({ query, county, now }) => ({
  body: await listPublicNotices({ query, county, now }),
}));
