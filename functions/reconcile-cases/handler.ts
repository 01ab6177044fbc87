import { reconcileCases } from '../../shared/cases/reconcile-cases.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';

/** The scheduled time is the reconciliation's now: `npm run invoke -- reconcile-cases --date 2026-12-26` runs it as of that day. */
export const handler = backgroundHandler(scheduledEvent, ({ event, county }) => reconcileCases({ county, now: new Date(event.time) }));
