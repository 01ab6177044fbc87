import { triggerOf } from '../../shared/consents/functions.ts';
import { createConsent } from '../../shared/consents/create-consent.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { idempotencyKeyOf } from '../../shared/http/idempotency.ts';

/** 201 for a new consent; 200 with the first one for a repeated Idempotency-Key and body. */
export const handler = httpHandler(triggerOf('create-consent'), async ({ body, caller, county, now, headers }) => {
  const { created, body: answer } = await createConsent({ body, caller, county, now, idempotencyKey: idempotencyKeyOf(headers) });
  return { status: created ? 201 : 200, body: answer };
});
