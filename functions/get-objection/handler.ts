import { triggerOf } from '../../shared/objections/functions.ts';
import { readObjection } from '../../shared/objections/objections.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-objection'), async ({ params, caller }) => ({ body: await readObjection({ caseId: params.id, caller }) }));
