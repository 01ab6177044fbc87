import type { BackgroundInput } from '../lambda/background-handler.ts';
import { decodeS3Key, type S3ObjectCreatedEvent } from '../lambda/event-schemas.ts';
import { logger } from '../lambda/logger.ts';
import { continueImportFile, ingestImportFile } from './ingest-import.ts';

/** Every object an S3 event names: a clerk's file (imports/incoming/) or a continuation (imports/continue/). */
export async function ingestImports(input: BackgroundInput<S3ObjectCreatedEvent>, what: 'file' | 'continuation') {
  const results = [];
  for (const record of input.event.Records) {
    const key = decodeS3Key(record.s3.object.key);
    const run = { bucket: record.s3.bucket.name, key, county: input.county, now: input.now, remainingMs: input.remainingMs };
    const result = what === 'file' ? await ingestImportFile({ ...run, versionId: record.s3.object.versionId }) : await continueImportFile(run);
    logger.info('import event', { key, ...result });
    results.push({ key, ...result });
  }
  return { results };
}
