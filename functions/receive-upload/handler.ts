import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { receiveUploads } from '../../shared/reports/receive-uploads.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async ({ event, county }) => receiveUploads(event, county));
