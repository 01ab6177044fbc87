import { localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { runOverdueScan } from '../../shared/compliance/overdue/overdue-scan.ts';
import { overdueSources } from '../../shared/compliance/overdue/sources.ts';

/** The scheduled time is the scan's now: `npm run invoke -- overdue-scan --date 2026-12-26` runs it as of that day. */
export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => {
  const now = new Date(event.time);
  return runOverdueScan(overdueSources, { county, calendar: workingDayCalendar(county.calendar), today: localDate(now, county.timeZone), now });
});
