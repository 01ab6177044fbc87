import { triggerOf } from '../../shared/matter-lists/functions.ts';
import { submitMatterList } from '../../shared/matter-lists/submit-matter-list.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { idempotencyKeyOf } from '../../shared/http/idempotency.ts';

/** 201 for a new version; 200 with the first one for a repeated Idempotency-Key and body. */
export const handler = httpHandler(triggerOf('submit-matter-list'), async ({ body, caller, county, now, headers }) => {
  const { repeated, version } = await submitMatterList({ body, caller, county, now, idempotencyKey: idempotencyKeyOf(headers) });
  return { status: repeated ? 200 : 201, body: version };
});
