import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { reportsBucketName, s3 } from '../storage/clients.ts';
import { downloadExpirySeconds } from './report-rules.ts';

/** A short-lived download link of a report's PDF. */
export async function downloadLink(objectKey: string, now: Date) {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: reportsBucketName(), Key: objectKey }), { expiresIn: downloadExpirySeconds });
  return { url, expiresAt: new Date(now.getTime() + downloadExpirySeconds * 1000).toISOString() };
}
