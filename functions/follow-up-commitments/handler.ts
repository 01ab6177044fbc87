import { localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { followUpCommitments } from '../../shared/commitments/follow-up.ts';

/** The scheduled time is the follow-up's now: `npm run invoke -- follow-up-commitments --date 2027-01-05` runs it as of that day. */
export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => {
  const now = new Date(event.time);
  return followUpCommitments({ county, calendar: workingDayCalendar(county.calendar), today: localDate(now, county.timeZone), now });
});
