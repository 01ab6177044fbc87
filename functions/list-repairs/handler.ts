import { triggerOf } from '../../shared/repairs/functions.ts';
import { listRepairs } from '../../shared/repairs/repairs.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-repairs'), async ({ query, caller }) => ({ body: await listRepairs({ query, caller }) }));
