import { triggerOf } from '../../shared/records/functions.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';
import { previewRecord } from '../../shared/records/preview-record.ts';

export const handler = machineHttpHandler(triggerOf('preview-record'), async ({ body, caller, county, now }) => ({
  body: await previewRecord({ body, caller, county, now }),
}));
