import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { evidenceContentTypes } from './api.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import { keys } from '../storage/keys.ts';
import { fileContentProblem } from '../storage/pdf-content-check.ts';
import type { Evidence } from './case.ts';

const postExpirySeconds = 15 * 60;
const linkExpirySeconds = 5 * 60;

export type EvidenceRequest = { fileName: string; contentType: keyof typeof evidenceContentTypes; bytes: number };

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

/**
 * Which evidence files arrived. Each is read and checked as reports are (it is what its type says; a PDF
 * carries no JavaScript, launch action or embedded file): a file that fails is shown with its
 * `contentProblem` and no link; one that passes gets a short-lived link to the very version checked.
 */
export async function evidenceState(caseId: string, evidence: Evidence[]) {
  if (evidence.length === 0) return [];
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: reportsBucketName(), Prefix: keys.caseEvidencePrefix(caseId) }));
  const present = new Set((listed.Contents ?? []).map((o) => o.Key));
  return Promise.all(
    evidence.map(async ({ objectKey, ...file }) => {
      if (!present.has(objectKey)) return { ...file, uploaded: false };
      const checked = await checkedEvidence(objectKey, file);
      if (checked.problem) return { ...file, uploaded: true, contentProblem: checked.problem };
      const link = new GetObjectCommand({ Bucket: reportsBucketName(), Key: objectKey, VersionId: checked.versionId });
      return { ...file, uploaded: true, url: await getSignedUrl(s3, link, { expiresIn: linkExpirySeconds }) };
    }),
  );
}

/** Reads an evidence file and checks its content; the version read is the one a link may point to. */
async function checkedEvidence(objectKey: string, file: { contentType: string; bytes: number }): Promise<{ problem?: string; versionId?: string }> {
  const object = await s3.send(new GetObjectCommand({ Bucket: reportsBucketName(), Key: objectKey }));
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  const problem = bytes.length > file.bytes ? `the file is larger than the announced ${file.bytes} bytes` : fileContentProblem(file.contentType, bytes);
  return { ...(problem ? { problem } : {}), ...(object.VersionId ? { versionId: object.VersionId } : {}) };
}
