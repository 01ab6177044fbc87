import { triggerOf } from '../../shared/checks/functions.ts';
import { runCheck } from '../../shared/checks/run-check.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { idempotencyKeyOf } from '../../shared/http/idempotency.ts';

export const handler = machineHttpHandler(triggerOf('run-check'), async ({ body, caller, county, now, headers }) => {
  const { receipt, repeated } = await runCheck({ request: body, caller, county, now, idempotencyKey: idempotencyKeyOf(headers) });
  return { status: repeated ? 200 : 201, body: receipt };
});
