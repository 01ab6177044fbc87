import { triggerOf } from '../../shared/exchange/functions.ts';
import { redriveDestination } from '../../shared/exchange/destinations.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('redrive-exchange'), async ({ params, body, county, now }) => ({
  body: await redriveDestination({ county, destinationId: params.destinationId, body, now }),
}));
