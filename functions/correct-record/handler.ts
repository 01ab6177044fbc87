import { triggerOf } from '../../shared/records/functions.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { correctRecord } from '../../shared/records/correct-record.ts';

export const handler = machineHttpHandler(triggerOf('correct-record'), async ({ params, body, caller, county, now }) => ({
  body: await correctRecord({ recordId: params.id, body, caller, county, now }),
}));
