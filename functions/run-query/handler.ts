import { triggerOf } from '../../shared/consents/functions.ts';
import { runQuery } from '../../shared/consents/run-query.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('run-query'), async ({ body, caller, county, now }) => ({
  body: await runQuery({ body, caller, county, now }),
}));
