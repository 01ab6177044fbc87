import { triggerOf } from '../../shared/consents/functions.ts';
import { whoLookedAtMe } from '../../shared/consents/who-looked-at-me.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-my-checks'), async ({ query, caller }) => ({
  body: await whoLookedAtMe({ query, caller }),
}));
