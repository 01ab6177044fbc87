import { randomBytes } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { z } from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import { notFound } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { keys } from '../storage/keys.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import { importContentTypes, type createImportBody, type ImportFormat } from './api.ts';
import { getImport, importsOf, putNewImport, refusedRowsOf, type ImportJob } from './import-store.ts';

/** How long the presigned POST of a file works, and a result file's link. */
const uploadExpirySeconds = 900;
const resultLinkSeconds = 900;
/** Refused rows shown with an import (the result file holds them all). */
const refusedRowsShown = 100;
const importsListed = 50;

/**
 * A department starts an import: the job (awaiting its file) and a presigned POST for exactly its object key,
 * of the file's type and at most the county's size. The ingest starts when the file arrives.
 */
export async function createImport(args: { body: z.output<typeof createImportBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  const format: ImportFormat = body.fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  const importId = `imp_${randomBytes(16).toString('base64url')}`;
  const objectKey = keys.importObject(caller.orgId, importId, format);
  const postExpiresAt = new Date(now.getTime() + uploadExpirySeconds * 1000).toISOString();
  const job: ImportJob = {
    importId,
    departmentId: caller.orgId,
    kind: body.kind,
    fileName: body.fileName,
    format,
    objectKey,
    createdAt: now.toISOString(),
    postExpiresAt,
    state: 'awaitingFile',
    nextRow: 2,
    rowsRead: 0,
    created: 0,
    unchanged: 0,
    corrected: 0,
    refused: 0,
    invocations: 0,
  };
  await putNewImport(job);
  const post = await createPresignedPost(s3, {
    Bucket: reportsBucketName(),
    Key: objectKey,
    Conditions: [
      ['content-length-range', 1, county.uploads.maxImportBytes],
      ['eq', '$Content-Type', importContentTypes[format]],
    ],
    Fields: { 'Content-Type': importContentTypes[format] },
    Expires: uploadExpirySeconds,
  });
  return { importId, upload: { url: post.url, fields: post.fields }, expiresAt: postExpiresAt, key: objectKey };
}

/** An import with its progress, its first refused rows and, when done, a link to its result file: for its department and the credit office. */
export async function importState(importId: string, caller: Caller, now: Date) {
  const job = await getImport(importId);
  if (!job || !(caller.role === 'creditOffice' || (caller.role === 'department' && job.departmentId === caller.orgId))) throw notFound(`import ${importId}`);
  const refusedRows = [];
  if (job.refused > 0) for await (const row of refusedRowsOf(importId, refusedRowsShown)) refusedRows.push(row);
  const result = job.resultKey
    ? {
        url: await getSignedUrl(s3, new GetObjectCommand({ Bucket: reportsBucketName(), Key: job.resultKey, ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(resultFileName(job))}` }), { expiresIn: resultLinkSeconds }),
        expiresAt: new Date(now.getTime() + resultLinkSeconds * 1000).toISOString(),
      }
    : undefined;
  return { ...present(job), refusedRows, ...(result ? { result } : {}) };
}

/** The department's own imports, newest first. */
export async function listImports(caller: Caller) {
  return { imports: (await importsOf(caller.orgId, importsListed)).map(present) };
}

const resultFileName = (job: ImportJob) => `${job.fileName.replace(/\.(csv|xlsx)$/i, '')}-导入结果.xlsx`;

/** An import as its readers see it: not its object keys, version or checkpoint. */
function present(job: ImportJob) {
  const { objectKey: _o, versionId: _v, resultKey: _r, nextRow: _n, continuedFrom: _c, postExpiresAt: _p, ...shown } = job;
  return shown;
}
