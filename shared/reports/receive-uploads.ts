import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { decodeS3Key, type S3ObjectCreatedEvent } from '../lambda/event-schemas.ts';
import { logger } from '../lambda/logger.ts';
import { recordUpload } from '../storage/record-upload.ts';

/** Every object an S3 event names, recorded once per version (at-least-once events store once), on the county day of the event. */
export async function receiveUploads(event: S3ObjectCreatedEvent, county: CountyConfig) {
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
}
