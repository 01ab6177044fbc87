import { triggerOf } from '../../shared/coverage/functions.ts';
import { reportMatters } from '../../shared/coverage/report-matters.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('report-matters'), async ({ body, caller, county, now }) => ({ body: await reportMatters({ body, caller, county, now }) }));
