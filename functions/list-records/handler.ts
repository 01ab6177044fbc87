import { triggerOf } from '../../shared/records/functions.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { listOwnRecords } from '../../shared/records/list-own-records.ts';

export const handler = machineHttpHandler(triggerOf('list-records'), async ({ query, caller, county, now }) => ({
  body: await listOwnRecords({ query, caller, county, now }),
}));
