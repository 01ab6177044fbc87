import { triggerOf } from '../../shared/consents/functions.ts';
import { listConsents } from '../../shared/consents/list-consents.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-consents'), async ({ query, caller, county, now }) => ({
  body: await listConsents({ query, caller, county, now }),
}));
