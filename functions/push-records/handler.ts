import { triggerOf } from '../../shared/records/functions.ts';
import { answerPush } from '../../shared/records/answer-push.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('push-records'), async ({ body, caller, county, now }) => {
  const { created, body: answer } = await answerPush({ body, caller, county, now });
  return { status: created ? 201 : 200, body: answer };
});
