import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { ingestReports } from '../../shared/reports/ingest-report.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async ({ event, county }) => ingestReports(event, county));
