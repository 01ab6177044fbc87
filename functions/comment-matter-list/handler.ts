import { triggerOf } from '../../shared/matter-lists/functions.ts';
import { commentMatterList } from '../../shared/matter-lists/comment-matter-list.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('comment-matter-list'), async ({ params, body, caller, now }) => ({
  body: await commentMatterList({ orgId: params.department, version: params.version, body, caller, now }),
}));
