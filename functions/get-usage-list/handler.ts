import { triggerOf } from '../../shared/usage-lists/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { previewUsageList } from '../../shared/usage-lists/usage-lists.ts';

export const handler = httpHandler(triggerOf('get-usage-list'), async ({ params, query, caller, county, now }) => ({
  body: await previewUsageList({ periodId: params.period, department: query.department, caller, county, now }),
}));
