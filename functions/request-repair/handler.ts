import { triggerOf } from '../../shared/repairs/functions.ts';
import { requestRepair } from '../../shared/repairs/repairs.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

/** 201 for a new case; 200 with the open one when the subject already has one on the record. */
export const handler = httpHandler(triggerOf('request-repair'), async ({ body, caller, county, now }) => {
  const { created, body: answer } = await requestRepair({ body, caller, county, now });
  return { status: created ? 201 : 200, body: answer };
});
