import { triggerOf } from '../../shared/imports/functions.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { listImports } from '../../shared/imports/imports.ts';

export const handler = httpHandler(triggerOf('list-imports'), async ({ caller }) => ({ body: await listImports(caller) }));
