import { triggerOf } from '../../shared/checks/functions.ts';
import { readCheckReceipt } from '../../shared/checks/read-check-receipt.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-check-receipt'), async ({ params, caller, county, now }) => ({
  body: await readCheckReceipt({ checkId: params.id, caller, county, now }),
}));
