import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { createReportUpload } from '../../shared/reports/uploads.ts';

export const handler = httpHandler(triggerOf('create-report-upload'), async ({ body, caller, county, now }) => ({
  body: await createReportUpload({ body, caller, county, now }),
}));
