import { triggerOf } from '../../shared/checks/functions.ts';
import { readCheck } from '../../shared/checks/list-checks.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('get-check'), async ({ params, caller, county, now }) => ({
  body: await readCheck({ checkId: params.id, caller, county, now }),
}));
