import { triggerOf } from '../../shared/exchange/functions.ts';
import { listDeliveries } from '../../shared/exchange/destinations.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-exchange-deliveries'), async ({ params, query, county }) => ({
  body: await listDeliveries({ county, destinationId: params.destinationId, query }),
}));
