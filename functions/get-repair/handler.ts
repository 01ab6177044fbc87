import { triggerOf } from '../../shared/repairs/functions.ts';
import { readRepair } from '../../shared/repairs/repairs.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-repair'), async ({ params, caller }) => ({ body: await readRepair({ caseId: params.id, caller }) }));
