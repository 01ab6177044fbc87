import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { dispatchExchange } from '../../shared/exchange/dispatch.ts';

/** The scheduled time is the run's now; sending stops with a few seconds left (the next run goes on). */
export const handler = backgroundHandler(scheduledEvent, async ({ event, county, remainingMs }) => dispatchExchange({ county, now: new Date(event.time), deadline: remainingMs }));
