import { triggerOf } from '../catalog.ts';
import { runCheck } from '../../shared/checks/run-check.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('run-check'), async ({ body, caller, county, now, headers }) => {
  const { receipt, repeated } = await runCheck({ request: body, caller, county, now, idempotencyKey: headers['idempotency-key'] });
  return { status: repeated ? 200 : 201, body: receipt };
});
