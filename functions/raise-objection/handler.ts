import { triggerOf } from '../../shared/objections/functions.ts';
import { raiseObjection } from '../../shared/objections/objections.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

/** 201 for a new case; 200 with the open one when the subject already has one on the record. */
export const handler = httpHandler(triggerOf('raise-objection'), async ({ body, caller, county, now }) => {
  const { created, body: answer } = await raiseObjection({ body, caller, county, now });
  return { status: created ? 201 : 200, body: answer };
});
