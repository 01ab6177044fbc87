import { localDate } from '../../shared/calendar/dates.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { decodeS3Key, s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { logger } from '../../shared/lambda/logger.ts';
import { recordUpload } from '../../shared/storage/record-upload.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async ({ event, county }) => {
  const results = [];
  for (const record of event.Records) {
    const object = {
      bucket: record.s3.bucket.name,
      key: decodeS3Key(record.s3.object.key),
      eventTime: record.eventTime,
      versionId: record.s3.object.versionId,
      eTag: record.s3.object.eTag,
    };
    const { recorded } = await recordUpload(object, localDate(new Date(record.eventTime), county.timeZone));
    logger.info(recorded ? 'upload recorded' : 'upload event repeated; nothing stored', { key: object.key });
    results.push({ key: object.key, recorded });
  }
  return { results };
});
