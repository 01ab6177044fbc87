import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import { downloadExpirySeconds } from './report-rules.ts';

/** A short-lived download link of a report's PDF: of the version that was checked, not of whatever the key holds now. */
export async function downloadLink(report: { objectKey: string; versionId?: string }, now: Date) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: reportsBucketName(), Key: report.objectKey, VersionId: report.versionId }), {
    expiresIn: downloadExpirySeconds,
  });
  return { url, expiresAt: new Date(now.getTime() + downloadExpirySeconds * 1000).toISOString() };
}
