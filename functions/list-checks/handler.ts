import { triggerOf } from '../catalog.ts';
import { listOwnChecks } from '../../shared/checks/list-checks.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-checks'), async ({ query, caller, county, now }) => ({
  body: await listOwnChecks({ query, caller, county, now }),
}));
