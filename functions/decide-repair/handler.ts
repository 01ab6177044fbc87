import { triggerOf } from '../../shared/repairs/functions.ts';
import { decideRepair } from '../../shared/repairs/repairs.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('decide-repair'), ({ params, body, caller, county, now }) => decideRepair({ caseId: params.id, body, caller, county, now }));
