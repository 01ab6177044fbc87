import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { rotateMachineClientSecret } from '../../shared/machine-clients/manage-clients.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('rotate-machine-client-secret'), async ({ params, now }) => ({ body: await rotateMachineClientSecret(params.id, { now }) }));
