import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { revokeMachineClient } from '../../shared/machine-clients/manage-clients.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('revoke-machine-client'), async ({ params, body, caller, now }) => ({ body: await revokeMachineClient(params.id, body, { caller, now }) }));
