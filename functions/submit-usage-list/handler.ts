import { triggerOf } from '../../shared/usage-lists/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { submitUsageList } from '../../shared/usage-lists/usage-lists.ts';

export const handler = httpHandler(triggerOf('submit-usage-list'), async ({ params, query, body, caller, county, now }) => ({
  body: await submitUsageList({ periodId: params.period, department: query.department, body, caller, county, now }),
}));
