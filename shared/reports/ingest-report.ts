import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { decodeS3Key, type S3ObjectCreatedEvent } from '../lambda/event-schemas.ts';
import { logger } from '../lambda/logger.ts';
import { s3 } from '../storage/s3-client.ts';
import { keys } from '../storage/keys.ts';
import { getAgency } from './agency-store.ts';
import { getUpload, noteIgnoredVersion, storeAcceptedReport, storeRejectedUpload } from './report-store.ts';
import { rejectionReason, reportIdOf, sha256Hex, validityEnd, type StoredReport } from './report-rules.ts';

export type IngestOutcome = 'accepted' | 'rejected' | 'alreadySettled' | 'laterVersionIgnored' | 'unknownUpload' | 'objectGone';

/**
 * Ingests a report PDF posted to `reports/incoming/<agency>/<uploadId>.pdf`, reading exactly the object
 * version the event names (the bucket is versioned): that version is checked, and the report keeps its id
 * and sha256, so later writes to the key change nothing a department downloads.
 *
 * An upload is settled once, by its first event: S3 events arrive at least once, and the transaction
 * that settles an upload is conditional on it being pending, so a repeated event stores nothing twice.
 * A presigned POST cannot be made single-use at S3; another version posted to a settled upload's key
 * (the same form sent again) is ignored and noted on the upload (`ignoredVersionIds`), never ingested.
 */
export async function ingestReport(args: {
  bucket: string;
  key: string;
  /** From the event (`s3.object.versionId`); read from the object where an event lacks it. */
  versionId?: string;
  county: CountyConfig;
  now: Date;
}): Promise<{ outcome: IngestOutcome; reportId?: string; reason?: string; versionId?: string }> {
  const { bucket, key, county, now } = args;
  const uploadId = /\/(upl_[A-Za-z0-9_-]{22})\.pdf$/.exec(key)?.[1];
  const upload = uploadId ? await getUpload(uploadId) : undefined;
  if (!upload || upload.objectKey !== key) return { outcome: 'unknownUpload' };
  if (upload.state !== 'pending') {
    const reportId = upload.reportId ? { reportId: upload.reportId } : {};
    if (args.versionId && upload.versionId && args.versionId !== upload.versionId) {
      await noteIgnoredVersion(upload.uploadId, args.versionId);
      return { outcome: 'laterVersionIgnored', versionId: args.versionId, ...reportId };
    }
    return { outcome: 'alreadySettled', ...reportId };
  }

  let bytes: Buffer;
  let versionId: string | undefined;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: args.versionId }));
    bytes = Buffer.from(await object.Body!.transformToByteArray());
    versionId = args.versionId ?? object.VersionId;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NoSuchVersion') return { outcome: 'objectGone' };
    throw error;
  }
  // Without a version id nothing could hold the report to the bytes checked here: the bucket must be versioned.
  if (!versionId) throw new Error(`the object ${bucket}/${key} has no version id: versioning must be on for the reports bucket`);

  const today = localDate(now, county.timeZone);
  const validUntil = validityEnd(upload.issueDate, county.deadlines.reportValidityMonths, workingDayCalendar(county.calendar));
  const agency = await getAgency(upload.agencyId);
  const reason = rejectionReason({
    content: bytes,
    sizeBytes: bytes.length,
    maxBytes: county.uploads.maxReportBytes,
    agencyStatus: agency?.status,
    issueDate: upload.issueDate,
    validUntil,
    today,
  });

  if (reason) {
    const rejectedKey = keys.rejectedReportObject(upload.agencyId, upload.uploadId);
    // The very bytes that were checked (not a copy of whatever the key holds now).
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: rejectedKey,
        Body: bytes,
        ContentType: 'application/octet-stream',
        Metadata: {
          reason: /^[\x20-\x7e]*$/.test(reason) ? reason : encodeURIComponent(reason),
          'upload-id': upload.uploadId,
          'source-version-id': versionId,
        },
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const stored = await storeRejectedUpload(upload, reason, versionId, now.toISOString());
    return { outcome: stored === 'stored' ? 'rejected' : 'alreadySettled', reason, versionId };
  }

  const report: StoredReport = {
    reportId: reportIdOf(upload.agencyId, upload.reportNumber),
    subjectId: upload.subjectId,
    subjectType: upload.subjectType,
    ...(upload.subjectSealedId ? { subjectMaskedId: upload.subjectMaskedId, subjectSealedId: upload.subjectSealedId } : {}),
    agencyId: upload.agencyId,
    ...(agency?.name ? { agencyName: agency.name } : {}),
    reportNumber: upload.reportNumber,
    reportType: upload.reportType,
    issueDate: upload.issueDate,
    validUntil: validUntil!, // defined: rejectionReason refuses an upload without one
    rating: upload.rating,
    ...(upload.riskWarning ? { riskWarning: upload.riskWarning } : {}),
    sha256: sha256Hex(bytes),
    sizeBytes: bytes.length,
    objectKey: key,
    versionId,
    status: 'valid',
    acceptedAt: now.toISOString(),
  };
  const stored = await storeAcceptedReport(upload, report);
  return { outcome: stored === 'stored' ? 'accepted' : 'alreadySettled', reportId: report.reportId, versionId };
}

/** Every report upload an S3 event names, ingested in turn (a later version of a settled upload is ignored, and said so). */
export async function ingestReports(event: S3ObjectCreatedEvent, county: CountyConfig) {
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
}
