import { checkCalendar } from '../../shared/compliance/check-calendar.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';

export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => checkCalendar(county, new Date(event.time)));
