import { triggerOf } from '../../shared/checks/functions.ts';
import { listOwnChecks } from '../../shared/checks/list-checks.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-checks'), async ({ query, caller, county, now }) => ({
  body: await listOwnChecks({ query, caller, county, now }),
}));
