import { triggerOf } from '../../shared/imports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { importTemplate } from '../../shared/imports/templates.ts';

export const handler = httpHandler(triggerOf('get-import-template'), async ({ params, now }) => ({ file: await importTemplate(params.kind, now) }));
