import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { z } from 'zod';
import { addDays, localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { conflict, notFound, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { keys } from '../storage/keys.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { s3 } from '../storage/s3-client.ts';
import type { confirmFilingBody, createFilingUploadBody } from './api.ts';
import { filingContentTypes } from './content-types.ts';
import { documentProblem, extensionMatches } from './document-check.ts';
import { presentFiling, type FilingUpload, type StoredFiling } from './filing.ts';
import { kindOf } from './filing-kinds-view.ts';
import { filedLate, parseFilingPeriod } from './filing-periods.ts';
import { getUpload, latestFiling, markUploadFiled, markUploadPending, putUpload, saveRevision } from './filing-store.ts';

const postExpirySeconds = 15 * 60;
/** Attempts at taking the next revision while others of the same period are stored at the same moment. */
const maxAttempts = 10;

/**
 * POST /filings/uploads: a department announces a document (PDF, .doc or .docx, within the county's size) and
 * gets a presigned POST for exactly one object key, that type and at most the announced size.
 */
export async function createFilingUpload(args: { body: z.output<typeof createFilingUploadBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  const maxBytes = county.filings.maxDocumentBytes;
  if (body.bytes > maxBytes) throw validationFailed('body.bytes', `must be at most ${maxBytes} bytes (the county's limit for a filed document)`);
  if (!extensionMatches(body.fileName, body.contentType))
    throw validationFailed('body.fileName', `must end in .${filingContentTypes[body.contentType]} for a file of type ${body.contentType}`);
  const uploadId = `fup_${randomBytes(12).toString('hex')}`;
  const objectKey = keys.filingObject(caller.orgId, uploadId, filingContentTypes[body.contentType]);
  const expiresAt = new Date(now.getTime() + postExpirySeconds * 1000).toISOString();
  const upload: FilingUpload = { uploadId, orgId: caller.orgId, fileName: body.fileName, contentType: body.contentType, bytes: body.bytes, objectKey, createdAt: now.toISOString(), postExpiresAt: expiresAt, state: 'pending' };
  await putUpload(upload);
  const post = await createPresignedPost(s3, {
    Bucket: reportsBucketName(),
    Key: objectKey,
    Conditions: [
      ['content-length-range', 1, body.bytes],
      ['eq', '$Content-Type', body.contentType],
    ],
    Fields: { 'Content-Type': body.contentType },
    Expires: postExpirySeconds,
  });
  return { uploadId, upload: { url: post.url, fields: post.fields }, expiresAt, maxBytes };
}

/**
 * POST /filings: the department confirms a posted document with its metadata. The kind and period must be the
 * county's; the bytes must be what the type says (checked on the object). Stored as the next revision of the
 * department's filing of that kind and period (kept, never overwritten); late when filed after the due day.
 */
export async function confirmFiling(args: { body: z.output<typeof confirmFilingBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  const calendar = workingDayCalendar(county.calendar);
  const today = localDate(now, county.timeZone);
  const kind = kindOf(county, body.kind);
  const period = parseFilingPeriod(kind, body.period, calendar);
  if (period.dueDay > addDays(today, 366)) throw validationFailed('body.period', `must not be due more than a year ahead (${period.id} is due ${period.dueDay})`);
  const upload = await getUpload(body.uploadId);
  if (!upload || upload.orgId !== caller.orgId) throw notFound(`upload ${body.uploadId}`);
  if (upload.state === 'filed') throw conflict('this document was already filed: upload the document again for another filing', 'body.uploadId');

  const document = await readDocument(upload.objectKey);
  if (!document) throw validationFailed('body.uploadId', 'has no document yet: POST the file to the upload URL first');
  if (document.bytes.length > upload.bytes || document.bytes.length > county.filings.maxDocumentBytes) throw validationFailed('file', `must be at most ${upload.bytes} bytes, as announced`);
  const problem = documentProblem(upload.contentType, document.bytes);
  if (problem) throw validationFailed('file', problem);

  if (!(await markUploadFiled(upload.uploadId))) throw conflict('this document was already filed: upload the document again for another filing', 'body.uploadId');
  // Two filings of one period at once (a double click, two clerks): each is a revision, so the one that finds
  // its revision taken reads the latest again and takes the next.
  for (let attempt = 1; ; attempt++) {
    const latest = await latestFiling(caller.orgId, kind.id, period.id);
    const filing: StoredFiling = {
      orgId: caller.orgId,
      kind: kind.id,
      period: period.id,
      revision: (latest?.revision ?? 0) + 1,
      title: body.title,
      summary: body.summary,
      documentDate: body.documentDate,
      fileName: upload.fileName,
      contentType: upload.contentType,
      bytes: document.bytes.length,
      sha256: createHash('sha256').update(document.bytes).digest('hex'),
      objectKey: upload.objectKey,
      ...(document.versionId ? { versionId: document.versionId } : {}),
      uploadId: upload.uploadId,
      filedAt: now.toISOString(),
      filedOn: today,
      dueDay: period.dueDay,
      late: filedLate(today, period),
      firstFiledOn: latest?.firstFiledOn ?? today,
      filedBy: caller.userId,
    };
    if ((await saveRevision(filing)) === 'saved') return presentFiling(filing, kind.name, period.name);
    if (attempt >= maxAttempts) {
      await markUploadPending(upload.uploadId);
      throw conflict(`other filings of ${kind.name} ${period.id} were being stored at the same moment: confirm again to file this one as the next revision`, 'body.period');
    }
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 50 * attempt));
  }
}

async function readDocument(objectKey: string): Promise<{ bytes: Buffer; versionId?: string } | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: reportsBucketName(), Key: objectKey }));
    return { bytes: Buffer.from(await object.Body!.transformToByteArray()), ...(object.VersionId ? { versionId: object.VersionId } : {}) };
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}
