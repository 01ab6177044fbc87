import { triggerOf } from '../../shared/machine-clients/functions.ts';
import { listMachineClients } from '../../shared/machine-clients/manage-clients.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-machine-clients'), async ({ query, caller }) => ({ body: await listMachineClients(query, caller) }));
