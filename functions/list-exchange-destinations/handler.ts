import { triggerOf } from '../../shared/exchange/functions.ts';
import { listDestinations } from '../../shared/exchange/destinations.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

export const handler = httpHandler(triggerOf('list-exchange-destinations'), async ({ county, now }) => ({ body: await listDestinations({ county, now }) }));
