import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeS3EventKey } from '../../local/s3/event-key.ts';
import { startS3Emulator, type S3Emulator } from '../../local/s3/start-s3-emulator.ts';
import { versionStoreBucket } from '../../local/s3/versions.ts';

/** The emulator keeps versions of the buckets it is told are versioned (the reports bucket), as S3 does with versioning on. */

const region = 'cn-north-1';
const accessKeyId = 'LOCALTESTACCESSKEY';
const secretAccessKey = 'local-test-secret';
const versioned = 'county-reports';
const plain = 'county-plain';

let emulator: S3Emulator;
let dataDir: string;
let s3: S3Client;
const records: S3EventRecord[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-versions-'));
  emulator = await startS3Emulator({
    dataDir,
    accessKeyId,
    secretAccessKey,
    region,
    buckets: [versioned, plain],
    versionedBuckets: [versioned],
    onEvent: (event: S3Event) => void records.push(...event.Records),
    log: () => undefined,
  });
  s3 = new S3Client({
    endpoint: emulator.endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
});

afterAll(async () => {
  s3?.destroy();
  await emulator?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function eventsFor(key: string, count: number): Promise<S3EventRecord[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = records.filter((record) => decodeS3EventKey(record.s3.object.key) === key);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} events of ${key} (have ${found.length})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const text = async (answer: { Body?: { transformToString(): Promise<string> } }) => answer.Body!.transformToString();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as S3ServiceException,
  );

describe('a versioned bucket', () => {
  const key = 'reports/incoming/agency-1/报告 1.pdf';
  let first: string;
  let second: string;

  it('gives every PutObject a new version id and serves each version by its id, the current key the latest', async () => {
    first = (await s3.send(new PutObjectCommand({ Bucket: versioned, Key: key, Body: 'first bytes', ContentType: 'application/pdf', Metadata: { note: 'one' } }))).VersionId!;
    second = (await s3.send(new PutObjectCommand({ Bucket: versioned, Key: key, Body: 'second, longer bytes', ContentType: 'application/pdf' }))).VersionId!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second).not.toBe(first);

    const current = await s3.send(new GetObjectCommand({ Bucket: versioned, Key: key }));
    expect(await text(current)).toBe('second, longer bytes');
    expect(current.VersionId).toBe(second);
    const old = await s3.send(new GetObjectCommand({ Bucket: versioned, Key: key, VersionId: first }));
    expect(await text(old)).toBe('first bytes');
    expect(old.VersionId).toBe(first);
    expect(old.ContentType).toBe('application/pdf');
    // The emulator's own bookkeeping is not shown as user metadata.
    expect(old.Metadata).toEqual({ note: 'one' });
    const head = await s3.send(new HeadObjectCommand({ Bucket: versioned, Key: key, VersionId: first }));
    expect(head).toMatchObject({ VersionId: first, ContentLength: 'first bytes'.length });
  });

  it('serves a presigned GET of a version, whatever was written to the key since', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: versioned, Key: key, VersionId: first }), { expiresIn: 60 });
    await s3.send(new PutObjectCommand({ Bucket: versioned, Key: key, Body: 'third bytes' }));
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amz-version-id')).toBe(first);
    expect(await answer.text()).toBe('first bytes');
    // A presigned URL of one version cannot be turned into another's: the version id is signed.
    const other = new URL(url);
    other.searchParams.set('versionId', second);
    expect((await fetch(other)).status).toBe(403);
  });

  it('answers NoSuchVersion for a version the key never had, and keeps versions after the key is deleted', async () => {
    const missing = await failure(s3.send(new GetObjectCommand({ Bucket: versioned, Key: key, VersionId: 'A'.repeat(32) })));
    expect(missing).toMatchObject({ name: 'NoSuchVersion', $metadata: { httpStatusCode: 404 } });
    const otherKey = await failure(s3.send(new GetObjectCommand({ Bucket: versioned, Key: 'reports/other.pdf', VersionId: first })));
    expect(otherKey?.$metadata.httpStatusCode).toBe(404);

    await s3.send(new DeleteObjectCommand({ Bucket: versioned, Key: key }));
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: versioned, Key: key }))))?.$metadata.httpStatusCode).toBe(404);
    expect(await text(await s3.send(new GetObjectCommand({ Bucket: versioned, Key: key, VersionId: first })))).toBe('first bytes');
  });

  it("sends each write's version id in its event, for a PutObject and for a browser's POST", async () => {
    const postKey = 'reports/incoming/agency-1/posted.pdf';
    const post = await createPresignedPost(s3, { Bucket: versioned, Key: postKey, Conditions: [['content-length-range', 1, 100]], Expires: 60 });
    const send = async (bytes: string) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'posted.pdf');
      return fetch(post.url, { method: 'POST', body: form });
    };
    const posted = await send('posted once');
    expect(posted.status).toBe(204);
    const postedVersion = posted.headers.get('x-amz-version-id');
    expect(postedVersion).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The same form again: S3 takes it (the platform decides what a second version means).
    const again = await send('posted twice');
    expect(again.status).toBe(204);

    const [one, two] = await eventsFor(postKey, 2);
    expect(one!.eventName).toBe('ObjectCreated:Post');
    expect(one!.s3.object.versionId).toBe(postedVersion);
    expect(two!.s3.object.versionId).toBe(again.headers.get('x-amz-version-id'));
    expect(await text(await s3.send(new GetObjectCommand({ Bucket: versioned, Key: postKey, VersionId: postedVersion! })))).toBe('posted once');

    const [put] = await eventsFor(key, 1);
    expect(put!.eventName).toBe('ObjectCreated:Put');
    expect(put!.s3.object.versionId).toBe(first);
  });

  it('lists only the current keys, and keeps its version store out of reach', async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: versioned }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(['reports/incoming/agency-1/posted.pdf']);
    const store = await failure(s3.send(new ListObjectsV2Command({ Bucket: versionStoreBucket(versioned) })));
    expect(store?.$metadata.httpStatusCode).toBe(403);
    const write = await failure(s3.send(new PutObjectCommand({ Bucket: versionStoreBucket(versioned), Key: `${first}/${key}`, Body: 'forged' })));
    expect(write?.$metadata.httpStatusCode).toBe(403);
    expect(await text(await s3.send(new GetObjectCommand({ Bucket: versioned, Key: key, VersionId: first })))).toBe('first bytes');
  });

  it('does not let a client choose a version id through metadata', async () => {
    const forgedKey = 'reports/forged.pdf';
    const put = await s3.send(new PutObjectCommand({ Bucket: versioned, Key: forgedKey, Body: 'x', Metadata: { 's3-emulator-version-id': first } }));
    expect(put.VersionId).not.toBe(first);
    expect((await s3.send(new HeadObjectCommand({ Bucket: versioned, Key: forgedKey }))).VersionId).toBe(put.VersionId);
  });

  it('refuses, as not implemented, the writes it does not version (copies, multipart uploads)', async () => {
    const copy = await failure(s3.send(new CopyObjectCommand({ Bucket: versioned, Key: 'reports/copy.pdf', CopySource: `${versioned}/reports/forged.pdf` })));
    expect(copy).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });
});

describe('a bucket without versioning', () => {
  it('has no version ids, in answers or events, as before', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: plain, Key: 'a.txt', Body: 'one' }));
    expect(put.VersionId).toBeUndefined();
    const [event] = await eventsFor('a.txt', 1);
    expect(event!.s3.bucket.name).toBe(plain);
    expect(event!.s3.object.versionId).toBeUndefined();
    expect((await s3.send(new HeadObjectCommand({ Bucket: plain, Key: 'a.txt' }))).VersionId).toBeUndefined();
  });
});
