import { triggerOf } from '../../shared/consents/functions.ts';
import { createConsent } from '../../shared/consents/create-consent.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { idempotencyKeyOf } from '../../shared/http/idempotency.ts';

export const handler = httpHandler(triggerOf('create-consent'), ({ body, caller, county, now, headers }) =>
  createConsent({ body, caller, county, now, idempotencyKey: idempotencyKeyOf(headers) }),
);
