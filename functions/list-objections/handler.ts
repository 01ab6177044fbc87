import { triggerOf } from '../../shared/objections/functions.ts';
import { listObjections } from '../../shared/objections/objections.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-objections'), async ({ query, caller }) => ({ body: await listObjections({ query, caller }) }));
