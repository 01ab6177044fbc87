import { triggerOf } from '../../shared/records/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { previewRecord } from '../../shared/records/preview-record.ts';

export const handler = httpHandler(triggerOf('preview-record'), async ({ body, caller, county, now }) => ({
  body: await previewRecord({ body, caller, county, now }),
}));
