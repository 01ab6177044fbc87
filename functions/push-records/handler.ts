import { triggerOf } from '../../shared/records/functions.ts';
import { answerPush } from '../../shared/records/answer-push.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('push-records'), async ({ body, caller, county, now }) => {
  const { created, body: answer } = await answerPush({ body, caller, county, now });
  return { status: created ? 201 : 200, body: answer };
});
