import { triggerOf } from '../../shared/imports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { importState } from '../../shared/imports/imports.ts';

export const handler = httpHandler(triggerOf('get-import'), async ({ params, caller, now }) => ({ body: await importState(params.id, caller, now) }));
