import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { prepareBulletin } from '../../shared/bulletins/bulletins.ts';

/** The scheduled time is the run's now: `npm run invoke -- prepare-bulletin --date 2026-12-10` drafts as of that day. */
export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => prepareBulletin({ county, now: new Date(event.time) }));
