import { triggerOf } from '../../shared/checks/functions.ts';
import { runCheckBatch } from '../../shared/checks/run-check-batch.ts';
import { batchWorkbook } from '../../shared/checks/batch-workbook.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { idempotencyKeyOf } from '../../shared/http/idempotency.ts';

export const handler = machineHttpHandler(triggerOf('run-check-batch'), async ({ body, query, caller, county, now, headers }) => {
  const batch = await runCheckBatch({ request: body, caller, county, now, idempotencyKey: idempotencyKeyOf(headers) });
  return query.format === 'xlsx' ? { file: await batchWorkbook(batch, { createdAt: now }) } : { body: batch };
});
