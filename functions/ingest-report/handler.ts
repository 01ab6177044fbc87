import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { decodeS3Key, s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { logger } from '../../shared/observability/logger.ts';
import { ingestReport } from '../../shared/reports/ingest-report.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async ({ event, county }) => {
  const results = [];
  for (const record of event.Records) {
    const key = decodeS3Key(record.s3.object.key);
    const result = await ingestReport({ bucket: record.s3.bucket.name, key, county, now: new Date(record.eventTime) });
    logger.info('report upload ingested', { key, ...result });
    results.push({ key, ...result });
  }
  return { results };
});
