import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { voidReport } from '../../shared/reports/subject-reports.ts';

export const handler = httpHandler(triggerOf('void-report'), async ({ params, body, caller, county, now }) => ({
  body: await voidReport({ reportId: params.id, reason: body.reason, caller, county, now }),
}));
