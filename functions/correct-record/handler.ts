import { triggerOf } from '../../shared/records/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { correctRecord } from '../../shared/records/correct-record.ts';

export const handler = httpHandler(triggerOf('correct-record'), async ({ params, body, caller, county, now }) => ({
  body: await correctRecord({ recordId: params.id, body, caller, county, now }),
}));
