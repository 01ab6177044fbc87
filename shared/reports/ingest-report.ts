import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { s3 } from '../storage/clients.ts';
import { keys } from '../storage/keys.ts';
import { getAgency } from './agency-store.ts';
import { getUpload, storeAcceptedReport, storeRejectedUpload } from './report-store.ts';
import { rejectionReason, reportIdOf, sha256Hex, validityEnd, type StoredReport } from './report-rules.ts';

export type IngestOutcome = 'accepted' | 'rejected' | 'alreadySettled' | 'unknownUpload' | 'objectGone';

/**
 * Ingests a report PDF posted to `reports/incoming/<agency>/<uploadId>.pdf`. S3 events arrive at least
 * once: an upload that is no longer pending is left alone, and the transaction that accepts it is
 * conditional on it being pending, so a repeated event stores nothing twice.
 */
export async function ingestReport(args: { bucket: string; key: string; county: CountyConfig; now: Date }): Promise<{ outcome: IngestOutcome; reportId?: string; reason?: string }> {
  const { bucket, key, county, now } = args;
  const uploadId = /\/(upl_[A-Za-z0-9_-]{22})\.pdf$/.exec(key)?.[1];
  const upload = uploadId ? await getUpload(uploadId) : undefined;
  if (!upload || upload.objectKey !== key) return { outcome: 'unknownUpload' };
  if (upload.state !== 'pending') return { outcome: 'alreadySettled', ...(upload.reportId ? { reportId: upload.reportId } : {}) };

  let bytes: Buffer;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    bytes = Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return { outcome: 'objectGone' };
    throw error;
  }

  const today = localDate(now, county.timeZone);
  const validUntil = validityEnd(upload.issueDate, county.deadlines.reportValidityMonths, workingDayCalendar(county.calendar));
  const agency = await getAgency(upload.agencyId);
  const reason = rejectionReason({
    head: bytes.subarray(0, 8),
    sizeBytes: bytes.length,
    maxBytes: county.uploads.maxReportBytes,
    agencyStatus: agency?.status,
    issueDate: upload.issueDate,
    validUntil,
    today,
  });

  if (reason) {
    const rejectedKey = keys.rejectedReportObject(upload.agencyId, upload.uploadId);
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: rejectedKey,
        CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/octet-stream',
        Metadata: { reason: /^[\x20-\x7e]*$/.test(reason) ? reason : encodeURIComponent(reason), 'upload-id': upload.uploadId },
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const stored = await storeRejectedUpload(upload, reason, now.toISOString());
    return { outcome: stored === 'stored' ? 'rejected' : 'alreadySettled', reason };
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
    status: 'valid',
    acceptedAt: now.toISOString(),
  };
  const stored = await storeAcceptedReport(upload, report);
  return { outcome: stored === 'stored' ? 'accepted' : 'alreadySettled', reportId: report.reportId };
}
