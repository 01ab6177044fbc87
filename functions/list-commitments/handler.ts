import { triggerOf } from '../../shared/commitments/functions.ts';
import { listCommitments } from '../../shared/commitments/list-commitments.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('list-commitments'), async ({ query, caller, county, now }) => ({ body: await listCommitments({ query, caller, county, now }) }));
