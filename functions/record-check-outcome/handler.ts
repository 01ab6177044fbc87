import { triggerOf } from '../../shared/checks/functions.ts';
import { recordOutcome } from '../../shared/checks/check-outcome.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('record-check-outcome'), async ({ params, body, caller, county, now }) => ({
  body: await recordOutcome({ checkId: params.id, body, caller, county, now }),
}));
