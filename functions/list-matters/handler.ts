import { triggerOf } from '../../shared/coverage/functions.ts';
import { listMatters } from '../../shared/coverage/list-matters.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('list-matters'), async ({ query, caller, county, now }) => ({ body: await listMatters({ query, caller, county, now }) }));
