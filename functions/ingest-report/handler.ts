import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { decodeS3Key, s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { logger } from '../../shared/lambda/logger.ts';
import { ingestReport } from '../../shared/reports/ingest-report.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async ({ event, county }) => {
  const results = [];
  for (const record of event.Records) {
    const key = decodeS3Key(record.s3.object.key);
    const { versionId } = record.s3.object;
    const result = await ingestReport({ bucket: record.s3.bucket.name, key, ...(versionId ? { versionId } : {}), county, now: new Date(record.eventTime) });
    if (result.outcome === 'laterVersionIgnored') logger.warn('a later version of a settled report upload was ignored', { key, ...result });
    else logger.info('report upload ingested', { key, ...result });
    results.push({ key, ...result });
  }
  return { results };
});
