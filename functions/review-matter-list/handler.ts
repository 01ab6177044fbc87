import { triggerOf } from '../../shared/matter-lists/functions.ts';
import { reviewMatterList } from '../../shared/matter-lists/review-matter-list.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('review-matter-list'), async ({ params, body, caller, county, now }) => ({
  body: await reviewMatterList({ orgId: params.department, version: params.version, body, caller, county, now }),
}));
