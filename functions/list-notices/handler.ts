import { triggerOf } from '../../shared/notices/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { listNotices } from '../../shared/notices/list-notices.ts';

export const handler = httpHandler(triggerOf('list-notices'), async ({ query, caller, county, now }) => ({
  body: await listNotices({ query, caller, county, now }),
}));
