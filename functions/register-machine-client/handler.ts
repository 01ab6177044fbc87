import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { registerMachineClient } from '../../shared/machine-clients/manage-clients.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('register-machine-client'), async ({ body, caller, now }) => ({ body: await registerMachineClient(body, { caller, now }) }));
