import { triggerOf } from '../../shared/checks/functions.ts';
import { readCheckReceipt } from '../../shared/checks/read-check-receipt.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('get-check-receipt'), async ({ params, caller, county, now }) => ({
  body: await readCheckReceipt({ checkId: params.id, caller, county, now }),
}));
