import { triggerOf } from '../../shared/reports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { reportUploadState } from '../../shared/reports/uploads.ts';

export const handler = httpHandler(triggerOf('get-report-upload'), async ({ params, caller }) => ({ body: await reportUploadState(params.id, caller) }));
