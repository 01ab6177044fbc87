import { triggerOf } from '../../shared/filings/functions.ts';
import { confirmFiling } from '../../shared/filings/file-document.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('confirm-filing'), async ({ body, caller, county, now }) => ({ body: await confirmFiling({ body, caller, county, now }) }));
