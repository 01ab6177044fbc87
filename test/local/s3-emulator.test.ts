import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeS3EventKey, encodeS3EventKey } from '../../local/s3/event-key.ts';
import { S3Error } from '../../local/s3/s3-error.ts';
import { sha256Hex, signRequest } from '../../local/s3/sigv4.ts';
import { verifyPresignedRequest } from '../../local/s3/verify-request.ts';
import { startS3Emulator, type S3Emulator } from '../../local/s3/start-s3-emulator.ts';

const region = 'cn-north-1';
const accessKeyId = 'LOCALTESTACCESSKEY';
const secretAccessKey = 'local-test-secret';
const bucket = 'county-reports';
const uploadPrefix = 'uploads/agency-1/';

let emulator: S3Emulator;
let dataDir: string;
let s3: S3Client;
const records: S3EventRecord[] = [];

const clientFor = (endpoint: string, overrides: Partial<S3ClientConfig> = {}): S3Client =>
  new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    ...overrides,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-emulator-'));
  const started = Date.now();
  emulator = await startS3Emulator({
    dataDir,
    accessKeyId,
    secretAccessKey,
    region,
    buckets: [bucket],
    cors: [{ allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT', 'POST'], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAge: 3000 }],
    onEvent: (event: S3Event) => void records.push(...event.Records),
    log: () => undefined,
  });
  console.info(`S3 emulator ready in ${Date.now() - started} ms at ${emulator.endpoint}`);
  s3 = clientFor(emulator.endpoint);
});

afterAll(async () => {
  await emulator?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// ---- helpers ----

const md5 = (data: string | Uint8Array): string => createHash('md5').update(data).digest('hex');

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const eventFor = (key: string): Promise<S3EventRecord> =>
  waitFor(() => records.find((record) => decodeS3EventKey(record.s3.object.key) === key), `an event for ${key}`);

/**
 * Events arrive in the order the emulator stored objects. Once an event for an object stored
 * afterwards has arrived, none can still be on its way for an earlier (refused) request.
 */
async function expectNoEventFor(key: string): Promise<void> {
  const sentinel = `sentinel/${Date.now()}-${Math.random()}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: sentinel, Body: 'x' }));
  await eventFor(sentinel);
  expect(records.filter((record) => decodeS3EventKey(record.s3.object.key) === key)).toEqual([]);
}

async function expectNotStored(key: string): Promise<void> {
  await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
}

async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  return error as S3ServiceException;
}

const xmlCode = (xml: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

// ---- pure helpers ----

describe('event key encoding', () => {
  it('encodes like S3 notifications (space as +, + and % escaped, UTF-8 bytes, / kept) and decodes back', () => {
    const key = 'uploads/年度 报告+附件 100%.pdf';
    expect(encodeS3EventKey(key)).toBe('uploads/%E5%B9%B4%E5%BA%A6+%E6%8A%A5%E5%91%8A%2B%E9%99%84%E4%BB%B6+100%25.pdf');
    expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
    expect(encodeS3EventKey('a(1)=b&c:d~e*f')).toBe('a%281%29%3Db%26c%3Ad%7Ee*f');
    expect(decodeS3EventKey('a+b%2Bc')).toBe('a b+c');
  });
});

describe('presigned URL verification (pure, with the clock as an argument)', () => {
  it('accepts an SDK-presigned URL until it expires, then refuses it; refuses it for another host', async () => {
    const signingDate = new Date('2026-03-01T08:00:00Z');
    const presigner = clientFor('http://127.0.0.1:4566');
    const url = new URL(await getSignedUrl(presigner, new GetObjectCommand({ Bucket: bucket, Key: 'a b/报告.pdf' }), { expiresIn: 60, signingDate }));
    const request = (host: string) => ({ method: 'GET', path: url.pathname, query: url.search.slice(1), headers: [['host', host]] as const });
    const at = (now: Date) => ({ region, now, secretFor: (id: string) => (id === accessKeyId ? secretAccessKey : undefined) });
    const refusal = (run: () => unknown): S3Error | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return error as S3Error;
      }
    };

    expect(verifyPresignedRequest(request(url.host), at(new Date('2026-03-01T08:00:59Z')))).toMatchObject({ accessKeyId });
    expect(refusal(() => verifyPresignedRequest(request(url.host), at(new Date('2026-03-01T08:01:01Z'))))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    });
    expect(refusal(() => verifyPresignedRequest(request('127.0.0.1:9999'), at(signingDate)))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });
});

// ---- SDK operations ----

describe('objects through the SDK', () => {
  it('puts, gets, heads and deletes an object, with an S3-shaped ObjectCreated:Put event', async () => {
    const key = 'docs/report.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'hello county', ContentType: 'text/plain' }));

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe('hello county');
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head).toMatchObject({ ContentLength: 12, ContentType: 'text/plain', ETag: `"${md5('hello county')}"` });

    const record = await eventFor(key);
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, size: 12, eTag: md5('hello county') } },
    });
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{16}$/);
    expect(Number.isNaN(Date.parse(record.eventTime))).toBe(false);

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    await expectNotStored(key);
    expect(records.every((each) => each.eventName.startsWith('ObjectCreated:'))).toBe(true);
  });

  it('paginates ListObjectsV2 with MaxKeys=1 and continuation tokens', async () => {
    const keys = ['list/a.txt', 'list/b.txt', 'list/c.txt'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));

    const listed: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', MaxKeys: 1, ContinuationToken: token }));
      listed.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      if (page.IsTruncated) expect(token).toBeTruthy();
      pages += 1;
    } while (token && pages < 10);
    expect(listed).toEqual(keys);
    expect(pages).toBe(3);
  });

  it('reports a copy as ObjectCreated:Copy, with its ETag', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy/source.txt', Body: 'copied body' }));
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy/target.txt', CopySource: `${bucket}/copy/source.txt` }));
    expect(await eventFor('copy/target.txt')).toMatchObject({
      eventName: 'ObjectCreated:Copy',
      s3: { object: { size: 11, eTag: md5('copied body') } },
    });
  });

  it('reports a completed multipart upload as ObjectCreated:CompleteMultipartUpload', async () => {
    const key = 'multipart/big.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: 'part one' }));
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
    );
    expect(await eventFor(key)).toMatchObject({ eventName: 'ObjectCreated:CompleteMultipartUpload', s3: { object: { size: 8 } } });
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe('part one');
  });

  it('streams a body of known length, and refuses aws-chunked uploads loudly instead of storing their framing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'stream/ok.txt', Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]), ContentLength: 13 }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'stream/ok.txt' }));
    expect(await got.Body?.transformToString()).toBe('streamed body');

    // The SDK's default checksums send a stream as aws-chunked, which s3rver would store framing and all.
    const defaultChecksums = clientFor(emulator.endpoint, { requestChecksumCalculation: 'WHEN_SUPPORTED' });
    const error = await errorOf(
      defaultChecksums.send(new PutObjectCommand({ Bucket: bucket, Key: 'stream/chunked.txt', Body: Readable.from([Buffer.from('chunked')]), ContentLength: 7 })),
    );
    expect(error.name).toBe('NotImplemented');
    expect(error.message).toContain("requestChecksumCalculation: 'WHEN_REQUIRED'");
    await expectNotStored('stream/chunked.txt');
  });

  it('answers a CORS preflight from the bucket rules without credentials', async () => {
    const response = await fetch(`${emulator.endpoint}/${bucket}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('round-trips a key with spaces, +, % and Chinese through the event', async () => {
    const key = 'uploads/agency-1/年度 报告+附件 100%.pdf';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'pdf' }));
    const record = await eventFor(key);
    expect(record.s3.object.key).toBe('uploads/agency-1/%E5%B9%B4%E5%BA%A6+%E6%8A%A5%E5%91%8A%2B%E9%99%84%E4%BB%B6+100%25.pdf');
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: decodeS3EventKey(record.s3.object.key) }));
    expect(await got.Body?.transformToString()).toBe('pdf');
  });
});

// ---- header-signed requests ----

describe('signature checks on SDK requests', () => {
  it('refuses a request signed with the wrong secret (403 SignatureDoesNotMatch) and stores nothing', async () => {
    const key = 'refused/wrong-secret.txt';
    const wrongSecret = clientFor(emulator.endpoint, { credentials: { accessKeyId, secretAccessKey: 'not-the-secret' } });
    const error = await errorOf(wrongSecret.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' })));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata.httpStatusCode).toBe(403);
    await expectNotStored(key);
    await expectNoEventFor(key);
  });

  it('refuses an unknown access key (403 InvalidAccessKeyId)', async () => {
    const stranger = clientFor(emulator.endpoint, { credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey } });
    const error = await errorOf(stranger.send(new ListObjectsV2Command({ Bucket: bucket })));
    expect(error.name).toBe('InvalidAccessKeyId');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses anonymous requests (403 AccessDenied): buckets are private', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'private/doc.txt', Body: 'secret' }));
    const get = await fetch(`${emulator.endpoint}/${bucket}/private/doc.txt`);
    expect(get.status).toBe(403);
    expect(xmlCode(await get.text())).toBe('AccessDenied');

    const put = await fetch(`${emulator.endpoint}/${bucket}/private/anonymous.txt`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    await expectNotStored('private/anonymous.txt');
  });

  it('refuses a body that does not match its signed SHA-256 (400 XAmzContentSHA256Mismatch)', async () => {
    const key = 'refused/tampered-body.txt';
    const host = new URL(emulator.endpoint).host;
    const path = `/${bucket}/${key}`;
    const signed = signRequest({ method: 'PUT', path, query: '', headers: [['host', host]] }, { accessKeyId, secretAccessKey }, region, new Date(), sha256Hex('signed body'));
    const response = await fetch(`${emulator.endpoint}${path}`, { method: 'PUT', headers: { ...signed }, body: 'other body' });
    expect(response.status).toBe(400);
    expect(xmlCode(await response.text())).toBe('XAmzContentSHA256Mismatch');
    await expectNotStored(key);

    // The same signature with the body it was made for is accepted: the refusal was about the body.
    const accepted = await fetch(`${emulator.endpoint}${path}`, { method: 'PUT', headers: { ...signed }, body: 'signed body' });
    expect(accepted.status).toBe(200);
  });

  it('refuses a request signed 20 minutes ago (403 RequestTimeTooSkewed)', async () => {
    const host = new URL(emulator.endpoint).host;
    const path = `/${bucket}/private/doc.txt`;
    const signed = signRequest({ method: 'GET', path, query: '', headers: [['host', host]] }, { accessKeyId, secretAccessKey }, region, new Date(Date.now() - 20 * 60_000));
    const response = await fetch(`${emulator.endpoint}${path}`, { headers: { ...signed } });
    expect(response.status).toBe(403);
    expect(xmlCode(await response.text())).toBe('RequestTimeTooSkewed');
  });
});

// ---- presigned URLs ----

describe('presigned URLs', () => {
  const key = 'presigned/report.txt';
  beforeAll(async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'presigned body' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'presigned/other.txt', Body: 'other body' }));
  });

  it('serves a presigned GET', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('presigned body');
  });

  it('refuses an expired presigned GET (403 AccessDenied, Request has expired)', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 60_000),
    });
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(xmlCode(body)).toBe('AccessDenied');
    expect(body).toContain('Request has expired');
  });

  it('refuses a tampered presigned GET (403 SignatureDoesNotMatch): another key, or an altered signature', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
    const otherKey = await fetch(url.replace('/presigned/report.txt', '/presigned/other.txt'));
    expect(otherKey.status).toBe(403);
    expect(xmlCode(await otherKey.text())).toBe('SignatureDoesNotMatch');

    const altered = new URL(url);
    const signature = altered.searchParams.get('X-Amz-Signature')!;
    altered.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    const alteredResponse = await fetch(altered);
    expect(alteredResponse.status).toBe(403);
    expect(xmlCode(await alteredResponse.text())).toBe('SignatureDoesNotMatch');
  });

  it('accepts a presigned PUT (ObjectCreated:Put) and refuses it once tampered', async () => {
    const putKey = 'presigned/put.txt';
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: putKey }), { expiresIn: 60 });
    const tampered = await fetch(url.replace('/presigned/put.txt', '/presigned/elsewhere.txt'), { method: 'PUT', body: 'x' });
    expect(tampered.status).toBe(403);
    await expectNotStored('presigned/elsewhere.txt');

    const response = await fetch(url, { method: 'PUT', body: 'put through a URL' });
    expect(response.status).toBe(200);
    expect(await eventFor(putKey)).toMatchObject({ eventName: 'ObjectCreated:Put', s3: { object: { size: 17 } } });
  });
});

// ---- browser uploads (presigned POST) ----

describe('browser uploads with a presigned POST policy', () => {
  const pdf = (size: number): Blob => new Blob([Buffer.alloc(size, 0x25)], { type: 'application/pdf' });

  const presign = (options: { expires?: number; key?: string; extraConditions?: unknown[]; extraFields?: Record<string, string> } = {}) =>
    createPresignedPost(s3, {
      Bucket: bucket,
      Key: options.key ?? `${uploadPrefix}\${filename}`,
      Conditions: [
        ['content-length-range', 1, 1024],
        ['starts-with', '$key', uploadPrefix],
        ['eq', '$Content-Type', 'application/pdf'],
        ...((options.extraConditions ?? []) as never[]),
      ],
      Fields: { 'Content-Type': 'application/pdf', ...options.extraFields },
      Expires: options.expires ?? 60,
    });

  /** Submits the form as a browser would: the policy's fields, then the file, last. */
  async function submit(post: PresignedPost, file: Blob, filename: string, overrides: Record<string, string> = {}): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...post.fields, ...overrides })) form.append(name, value);
    form.append('file', file, filename);
    return fetch(post.url, { method: 'POST', body: form, headers: { origin: 'http://localhost:5173' } });
  }

  async function expectRefused(response: Response, status: number, code: string, key: string, message?: string): Promise<void> {
    const body = await response.text();
    expect(response.status).toBe(status);
    expect(xmlCode(body)).toBe(code);
    if (message) expect(body).toContain(message);
    await expectNotStored(key);
    await expectNoEventFor(key);
  }

  it('accepts a form that meets its policy: 204, the object readable, an ObjectCreated:Post event', async () => {
    const post = await presign();
    const response = await submit(post, pdf(300), 'report.pdf');
    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toBe(`"${md5(Buffer.alloc(300, 0x25))}"`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');

    const key = `${uploadPrefix}report.pdf`;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head).toMatchObject({ ContentLength: 300, ContentType: 'application/pdf' });
    expect(await eventFor(key)).toMatchObject({ eventName: 'ObjectCreated:Post', s3: { object: { size: 300, eTag: md5(Buffer.alloc(300, 0x25)) } } });
  });

  it('puts the file name in place of ${filename}, and the key round-trips through the event', async () => {
    const post = await presign();
    const filename = '年度 报告+附件 100%.pdf';
    const response = await submit(post, pdf(10), filename);
    expect(response.status).toBe(204);
    const key = `${uploadPrefix}${filename}`;
    const record = await eventFor(key);
    expect(record.s3.object.key).toBe(encodeS3EventKey(key));
    expect(record.s3.object.key).toContain('+%E6%8A%A5%E5%91%8A%2B');
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: decodeS3EventKey(record.s3.object.key) }));
    expect((await got.Body!.transformToByteArray()).length).toBe(10);
  });

  it('honours success_action_status 201 with a PostResponse document', async () => {
    const post = await presign({ extraFields: { success_action_status: '201' } });
    const response = await submit(post, pdf(5), 'status.pdf');
    expect(response.status).toBe(201);
    const body = await response.text();
    expect(body).toContain('<Key>uploads/agency-1/status.pdf</Key>');
    expect(body).toContain(`<Bucket>${bucket}</Bucket>`);
  });

  it('refuses a file over the content-length-range (400 EntityTooLarge)', async () => {
    const post = await presign();
    await expectRefused(await submit(post, pdf(1025), 'too-large.pdf'), 400, 'EntityTooLarge', `${uploadPrefix}too-large.pdf`, '<MaxSizeAllowed>1024</MaxSizeAllowed>');
  });

  it('refuses an empty file (400 EntityTooSmall)', async () => {
    const post = await presign();
    await expectRefused(await submit(post, pdf(0), 'empty.pdf'), 400, 'EntityTooSmall', `${uploadPrefix}empty.pdf`, '<MinSizeAllowed>1</MinSizeAllowed>');
  });

  it('refuses another Content-Type (403 AccessDenied, policy condition failed)', async () => {
    const post = await presign();
    await expectRefused(
      await submit(post, pdf(10), 'page.pdf', { 'Content-Type': 'text/html' }),
      403,
      'AccessDenied',
      `${uploadPrefix}page.pdf`,
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
    );
  });

  it('refuses a key outside the allowed prefix (403 AccessDenied)', async () => {
    const post = await presign();
    const key = 'uploads/agency-2/intruder.pdf';
    await expectRefused(await submit(post, pdf(10), 'intruder.pdf', { key }), 403, 'AccessDenied', key, 'Policy Condition failed');
  });

  it('refuses another key than the exact one the policy names (403 AccessDenied)', async () => {
    const post = await presign({ key: `${uploadPrefix}fixed.pdf` });
    const key = `${uploadPrefix}swapped.pdf`;
    await expectRefused(await submit(post, pdf(10), 'swapped.pdf', { key }), 403, 'AccessDenied', key, `Policy Condition failed: ["eq", "$key", "${uploadPrefix}fixed.pdf"]`);
  });

  it('refuses an expired policy (403 AccessDenied, Policy expired)', async () => {
    const post = await presign({ expires: -5 });
    await expectRefused(await submit(post, pdf(10), 'late.pdf'), 403, 'AccessDenied', `${uploadPrefix}late.pdf`, 'Policy expired');
  });

  it('refuses a tampered policy (403 SignatureDoesNotMatch)', async () => {
    const post = await presign();
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8')) as { conditions: unknown[] };
    policy.conditions = policy.conditions.map((condition) =>
      Array.isArray(condition) && condition[0] === 'content-length-range' ? ['content-length-range', 1, 10_000_000] : condition,
    );
    const tampered = { ...post, fields: { ...post.fields, Policy: Buffer.from(JSON.stringify(policy)).toString('base64') } };
    await expectRefused(await submit(tampered, pdf(2000), 'bigger.pdf'), 403, 'SignatureDoesNotMatch', `${uploadPrefix}bigger.pdf`);
  });

  it('refuses a field the policy does not mention (403 AccessDenied, Extra input fields)', async () => {
    const post = await presign();
    await expectRefused(
      await submit(post, pdf(10), 'meta.pdf', { 'x-amz-meta-agency': 'agency-2' }),
      403,
      'AccessDenied',
      `${uploadPrefix}meta.pdf`,
      'Extra input fields: x-amz-meta-agency',
    );
  });

  it('refuses a form signed with an unknown access key (403 InvalidAccessKeyId)', async () => {
    const stranger = clientFor(emulator.endpoint, { credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey } });
    const post = await createPresignedPost(stranger, { Bucket: bucket, Key: `${uploadPrefix}stranger.pdf`, Expires: 60 });
    await expectRefused(await submit(post, pdf(10), 'stranger.pdf'), 403, 'InvalidAccessKeyId', `${uploadPrefix}stranger.pdf`);
  });
});

// ---- process lifecycle ----

describe('emulator process', () => {
  it('fails to start with a clear error when its port is taken', async () => {
    const port = Number(new URL(emulator.endpoint).port);
    await expect(
      startS3Emulator({ port, dataDir, accessKeyId, secretAccessKey, region, buckets: [bucket], onEvent: () => undefined, log: () => undefined }),
    ).rejects.toThrow(/S3 emulator did not start: .*exited[\s\S]*EADDRINUSE/);
  });

  it('keeps objects across a restart on the same data directory, and stop() frees the port', async () => {
    const ownDir = await mkdtemp(join(tmpdir(), 's3-emulator-restart-'));
    const options = { dataDir: ownDir, accessKeyId, secretAccessKey, region, buckets: ['restart-bucket'], onEvent: () => undefined, log: () => undefined };
    try {
      const first = await startS3Emulator(options);
      await clientFor(first.endpoint).send(new PutObjectCommand({ Bucket: 'restart-bucket', Key: 'kept.txt', Body: 'still here' }));
      await first.stop();
      const port = Number(new URL(first.endpoint).port);
      await expect(canConnect(port)).resolves.toBe(false);

      const second = await startS3Emulator({ ...options, port });
      try {
        expect(second.endpoint).toBe(first.endpoint);
        const got = await clientFor(second.endpoint).send(new GetObjectCommand({ Bucket: 'restart-bucket', Key: 'kept.txt' }));
        expect(await got.Body?.transformToString()).toBe('still here');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(ownDir, { recursive: true, force: true });
    }
  });
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
