import { triggerOf } from '../../shared/checks/functions.ts';
import { listOwnChecks } from '../../shared/checks/list-checks.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('list-checks'), async ({ query, caller, county, now }) => ({
  body: await listOwnChecks({ query, caller, county, now }),
}));
