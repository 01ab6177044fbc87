import { triggerOf } from '../../shared/records/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { listOwnRecords } from '../../shared/records/list-own-records.ts';

export const handler = httpHandler(triggerOf('list-records'), async ({ query, caller, county, now }) => ({
  body: await listOwnRecords({ query, caller, county, now }),
}));
