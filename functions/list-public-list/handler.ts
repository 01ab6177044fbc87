import { triggerOf } from '../../shared/public-site/functions.ts';
import { publicHttpHandler } from '../../shared/http/http-handler.ts';
import { listPublicList } from '../../shared/public-site/public-lists.ts';

export const handler = publicHttpHandler(triggerOf('list-public-list'), async ({ query, county, now }) => ({
  body: await listPublicList({ query, county, now }),
}));
