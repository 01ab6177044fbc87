import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { z } from 'zod';
import type { createUploadBody } from './api.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { conflict, notFound, validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import { keys } from '../storage/keys.ts';
import { protectSubjectId } from '../privacy/personal-ids.ts';
import { requireActiveAgency } from './agencies.ts';
import { getUpload, putPendingUpload, type ReportUpload } from './report-store.ts';
import { uploadExpirySeconds, uploadIdOf } from './report-rules.ts';

/**
 * An active agency announces a report and gets a presigned POST for exactly one object key, PDF only,
 * within the county's size limit. The report is stored when the object arrives (ingest-report).
 */
export async function createReportUpload(args: { body: z.output<typeof createUploadBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  await requireActiveAgency(caller);
  const today = localDate(now, county.timeZone);
  if (body.issueDate > today) throw validationFailed('body.issueDate', `must not be after today (${today})`);

  const subject = await protectSubjectId(body.subjectId);
  const uploadId = uploadIdOf(caller.orgId, body.reportNumber);
  const key = keys.incomingReportObject(caller.orgId, uploadId);
  const postExpiresAt = new Date(now.getTime() + uploadExpirySeconds * 1000).toISOString();
  const upload: ReportUpload = {
    uploadId,
    agencyId: caller.orgId,
    subjectId: subject.key,
    subjectType: body.subjectId.type,
    ...(subject.sealed ? { subjectMaskedId: subject.masked, subjectSealedId: subject.sealed } : {}),
    reportNumber: body.reportNumber,
    reportType: body.reportType,
    issueDate: body.issueDate,
    rating: body.rating,
    ...(body.riskWarning ? { riskWarning: body.riskWarning } : {}),
    objectKey: key,
    createdAt: now.toISOString(),
    postExpiresAt,
    state: 'pending',
  };
  if ((await putPendingUpload(upload)) === 'duplicate')
    throw conflict(`report number "${body.reportNumber}" of agency "${caller.orgId}" was already uploaded`, 'body.reportNumber');

  const post = await createPresignedPost(s3, {
    Bucket: reportsBucketName(),
    Key: key,
    Conditions: [
      ['content-length-range', 1, county.uploads.maxReportBytes],
      ['eq', '$Content-Type', 'application/pdf'],
    ],
    Fields: { 'Content-Type': 'application/pdf' },
    Expires: uploadExpirySeconds,
  });
  return { uploadId, upload: { url: post.url, fields: post.fields }, expiresAt: postExpiresAt, key };
}

/** The state of an upload, for the agency that created it. */
export async function reportUploadState(uploadId: string, caller: Caller) {
  const upload = await getUpload(uploadId);
  if (!upload || !accessPolicy.seeUpload(caller, upload)) throw notFound(`upload ${uploadId}`);
  return {
    uploadId,
    state: upload.state,
    ...(upload.reason ? { reason: upload.reason } : {}),
    ...(upload.reportId ? { reportId: upload.reportId } : {}),
  };
}
