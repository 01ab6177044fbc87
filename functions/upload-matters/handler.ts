import { triggerOf } from '../../shared/coverage/functions.ts';
import { uploadMatters } from '../../shared/coverage/upload-matters.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('upload-matters'), async ({ body, caller, county, now }) => ({ body: await uploadMatters({ body, caller, county, now }) }));
