import { triggerOf } from '../../shared/imports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { createImport } from '../../shared/imports/imports.ts';

export const handler = httpHandler(triggerOf('create-import'), async ({ body, caller, county, now }) => ({ body: await createImport({ body, caller, county, now }) }));
