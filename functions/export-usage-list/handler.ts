import { triggerOf } from '../../shared/usage-lists/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { exportUsageList } from '../../shared/usage-lists/export-usage-list.ts';

export const handler = httpHandler(triggerOf('export-usage-list'), async ({ params, query, caller, county, now }) => ({
  file: await exportUsageList({ periodId: params.period, query, caller, county, now }),
}));
