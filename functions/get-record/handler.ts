import { triggerOf } from '../../shared/records/functions.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { readRecord } from '../../shared/records/read-records.ts';

export const handler = machineHttpHandler(triggerOf('get-record'), async ({ params, query, caller, county, now }) => ({
  body: await readRecord({ recordId: params.id, history: query.history === 'true', caller, county, now }),
}));
