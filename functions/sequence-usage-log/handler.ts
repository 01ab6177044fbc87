import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { logSignerFromEnv } from '../../shared/usage-log/log-signer.ts';
import { sequenceUsageLog } from '../../shared/usage-log/sequencer.ts';

/** The scheduled time is the run's now: the heads it signs carry it. */
export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => sequenceUsageLog({ county, now: new Date(event.time), signer: await logSignerFromEnv() }));
