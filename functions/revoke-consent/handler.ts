import { triggerOf } from '../../shared/consents/functions.ts';
import { revokeConsent } from '../../shared/consents/revoke-consent.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('revoke-consent'), async ({ params, caller, county, now }) => ({
  body: await revokeConsent({ consentId: params.id, caller, county, now }),
}));
