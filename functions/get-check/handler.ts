import { triggerOf } from '../../shared/checks/functions.ts';
import { readCheck } from '../../shared/checks/list-checks.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('get-check'), async ({ params, caller, county, now }) => ({
  body: await readCheck({ checkId: params.id, caller, county, now }),
}));
