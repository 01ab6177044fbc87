import { triggerOf } from '../../shared/filings/functions.ts';
import { createFilingUpload } from '../../shared/filings/file-document.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('create-filing-upload'), async ({ body, caller, county, now }) => ({ body: await createFilingUpload({ body, caller, county, now }) }));
