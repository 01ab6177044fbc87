import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { closeUsagePeriods } from '../../shared/usage-lists/close-usage-period.ts';

export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => closeUsagePeriods({ county, now: new Date(event.time) }));
