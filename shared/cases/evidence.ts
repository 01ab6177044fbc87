import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { evidenceContentTypes } from '../api/cases.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../http/errors.ts';
import { reportsBucketName, s3 } from '../storage/clients.ts';
import { keys } from '../storage/keys.ts';
import type { Evidence } from './case.ts';

const postExpirySeconds = 15 * 60;
const linkExpirySeconds = 5 * 60;

type EvidenceRequest = { fileName: string; contentType: keyof typeof evidenceContentTypes; bytes: number };

/** Evidence the subject announces with its case, checked against the county's limits; the files come later. */
export function planEvidence(caseId: string, files: EvidenceRequest[], county: CountyConfig): Evidence[] {
  if (files.length > county.cases.maxEvidenceFiles) throw validationFailed('body.evidence', `must hold at most ${county.cases.maxEvidenceFiles} files`);
  return files.map((file, i) => {
    if (file.bytes > county.cases.maxEvidenceBytes) throw validationFailed(`body.evidence.${i}.bytes`, `must be at most ${county.cases.maxEvidenceBytes} bytes`);
    const evidenceId = `evd_${randomBytes(8).toString('hex')}`;
    return { evidenceId, ...file, objectKey: keys.caseEvidenceObject(caseId, evidenceId, evidenceContentTypes[file.contentType]) };
  });
}

/** A presigned POST per file: exactly its key, type and announced size. */
export async function evidenceUploads(evidence: Evidence[]) {
  return Promise.all(
    evidence.map(async (file) => {
      const post = await createPresignedPost(s3, {
        Bucket: reportsBucketName(),
        Key: file.objectKey,
        Conditions: [
          ['content-length-range', 1, file.bytes],
          ['eq', '$Content-Type', file.contentType],
        ],
        Fields: { 'Content-Type': file.contentType },
        Expires: postExpirySeconds,
      });
      return { evidenceId: file.evidenceId, upload: { url: post.url, fields: post.fields } };
    }),
  );
}

/** Which evidence files arrived, with a short-lived link to each. */
export async function evidenceState(caseId: string, evidence: Evidence[]) {
  if (evidence.length === 0) return [];
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: reportsBucketName(), Prefix: keys.caseEvidencePrefix(caseId) }));
  const present = new Set((listed.Contents ?? []).map((o) => o.Key));
  return Promise.all(
    evidence.map(async ({ objectKey, ...file }) => ({
      ...file,
      uploaded: present.has(objectKey),
      ...(present.has(objectKey)
        ? { url: await getSignedUrl(s3, new GetObjectCommand({ Bucket: reportsBucketName(), Key: objectKey }), { expiresIn: linkExpirySeconds }) }
        : {}),
    })),
  );
}
