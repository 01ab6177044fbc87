import { randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { corsResponseHeaders, type CorsRule } from './cors.ts';
import { parsePostForm } from './post-form.ts';
import { verifyPostPolicy, type AcceptedPost } from './post-policy.ts';
import { BROWSER_UPLOAD_HEADER } from './s3rver-backend.ts';
import { S3Error, escapeXml, s3Errors } from './s3-error.ts';
import { UNSIGNED_PAYLOAD, headerValue, parseQuery, sha256Hex, signRequest, uriEncode, type SignableRequest } from './sigv4.ts';
import { verifyHeaderSignedRequest, verifyPresignedRequest, type Verifier } from './verify-request.ts';
import { VERSION_METADATA_HEADER, isVersionId, isVersionStore, newVersionId, versionKey, versionStoreBucket } from './versions.ts';

/**
 * The verifying front: answers on the emulator's public port, refuses what S3 would refuse
 * (bad or expired signatures, unknown keys, anonymous requests, browser uploads that break their
 * policy) and hands everything else to s3rver. For the versioned buckets it keeps versions itself
 * (see versions.ts).
 */

export interface FrontOptions {
  /** 0 picks a free port. */
  port: number;
  upstreamPort: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  cors: readonly CorsRule[];
  /** Buckets with versioning on, as on AWS. */
  versionedBuckets?: readonly string[];
  log: (line: string) => void;
  now?: () => Date;
}

export interface Front {
  port: number;
  close(): Promise<void>;
}

// Not passed on: they describe one connection, or are the front's to set.
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'expect',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'x-forwarded-for',
  BROWSER_UPLOAD_HEADER,
  VERSION_METADATA_HEADER,
]);

/** The request headers S3 stores with an object (PutObject), passed on when the front writes it itself. */
const OBJECT_HEADERS = new Set(['content-type', 'content-encoding', 'content-disposition', 'content-language', 'content-md5', 'cache-control', 'expires']);
const objectHeadersOf = (headers: Record<string, string | string[] | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => typeof value === 'string' && (OBJECT_HEADERS.has(name) || name.startsWith('x-amz-meta-')) && name !== VERSION_METADATA_HEADER)
      .map(([name, value]) => [name, value as string]),
  );

/** The headers of an upstream answer as S3 would send them: the version id where the front keeps it. */
function answerHeaders(headers: IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const version = headers[VERSION_METADATA_HEADER];
  const shown: http.OutgoingHttpHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_FORWARDED.has(name)));
  if (typeof version === 'string') shown['x-amz-version-id'] = version;
  return shown;
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const now = options.now ?? (() => new Date());
  const upstream = new http.Agent({ keepAlive: true });
  const verifier = (): Verifier => ({
    region: options.region,
    now: now(),
    secretFor: (accessKeyId) => (accessKeyId === options.accessKeyId ? options.secretAccessKey : undefined),
  });
  const versioned = new Set(options.versionedBuckets ?? []);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const request: SignableRequest = {
      method: req.method ?? 'GET',
      path: queryStart < 0 ? url : url.slice(0, queryStart),
      query: queryStart < 0 ? '' : url.slice(queryStart + 1),
      headers: rawHeaderPairs(req.rawHeaders),
    };
    const signedByHeader = headerValue(request.headers, 'authorization') !== undefined;
    const presigned = parseQuery(request.query).some(([name]) => name === 'X-Amz-Algorithm');

    if (signedByHeader && presigned) {
      throw s3Errors.invalidArgument(
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    const target = targetOf(request.path);
    if (target && isVersionStore(target.bucket)) throw s3Errors.accessDenied();
    if (signedByHeader) {
      const { payloadHash } = verifyHeaderSignedRequest(request, verifier());
      const body = await checkedBody(req, payloadHash);
      if (target && versioned.has(target.bucket)) return versionedRequest(req, res, request, target, () => (Buffer.isBuffer(body) ? body : readBody(body)));
      return forward(req, res, body);
    }
    if (presigned) {
      verifyPresignedRequest(request, verifier());
      if (target && versioned.has(target.bucket)) return versionedRequest(req, res, request, target, () => readBody(req));
      return forward(req, res, req);
    }
    // A CORS preflight carries no credentials, on S3 too; s3rver answers it from the bucket's CORS rules.
    if (request.method === 'OPTIONS') return forward(req, res, req);
    const bucket = target && target.key === undefined ? target.bucket : undefined;
    if (request.method === 'POST' && bucket && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      return browserUpload(req, res, bucket);
    }
    throw s3Errors.accessDenied();
  }

  /**
   * A verified request to a versioned bucket: writes get a version (the front stores them), GET and HEAD
   * of a version are served from the version store, what it does not emulate is refused, the rest passed on.
   */
  async function versionedRequest(
    req: IncomingMessage,
    res: ServerResponse,
    request: SignableRequest,
    target: { bucket: string; key?: string },
    body: () => Buffer | Promise<Buffer>,
  ): Promise<void> {
    const query = new Map(parseQuery(request.query));
    const versionId = query.get('versionId');
    const { bucket, key } = target;
    if (key !== undefined && request.method === 'PUT') {
      if (query.has('uploadId') || query.has('partNumber')) throw s3Errors.notImplemented('multipart uploads into a versioned bucket are not supported by the local S3 emulator');
      if (req.headers['x-amz-copy-source']) throw s3Errors.notImplemented('copies into a versioned bucket are not supported by the local S3 emulator');
      // ?tagging, ?acl … change no bytes and make no version (x-id names the SDK's operation; X-Amz-* sign a URL).
      if ([...query.keys()].some((name) => name !== 'x-id' && !name.startsWith('X-Amz-'))) return forward(req, res, await body());
      const stored = await storeObject(bucket, key, objectHeadersOf(req.headers), await body(), false);
      if (stored.status !== 200) {
        res.writeHead(stored.status, { 'content-type': 'application/xml', ...corsFor(req) });
        res.end(stored.body);
        return;
      }
      res.writeHead(200, { etag: stored.etag, 'x-amz-version-id': stored.versionId!, ...s3Headers(), ...corsFor(req) });
      res.end();
      return;
    }
    if (key !== undefined && request.method === 'POST' && query.has('uploads'))
      throw s3Errors.notImplemented('multipart uploads into a versioned bucket are not supported by the local S3 emulator');
    if (versionId === undefined) return forward(req, res, await body());
    if (key === undefined) throw s3Errors.invalidArgument('versionId is not a parameter of a bucket request', { ArgumentName: 'versionId', ArgumentValue: versionId });
    if (request.method !== 'GET' && request.method !== 'HEAD') throw s3Errors.notImplemented(`${request.method} of an object version is not supported by the local S3 emulator`);
    if (!isVersionId(versionId)) throw s3Errors.invalidArgument('Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: versionId });

    const passed = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name === 'range' || name.startsWith('if-')).map(([n, v]) => [n, String(v)]));
    const answer = await upstreamCall(request.method, versionStoreBucket(bucket), versionKey(key, versionId), passed, Buffer.alloc(0));
    if (answer.status === 404) throw new S3Error(404, 'NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
    res.writeHead(answer.status, { ...answerHeaders(answer.headers), ...corsFor(req) });
    res.end(request.method === 'HEAD' ? undefined : answer.body);
  }

  /**
   * Stores an object through s3rver with a PutObject the front signs. In a versioned bucket the bytes go to
   * the version store first, then to the key, both with the version id; the key's write sends the event.
   */
  async function storeObject(bucket: string, key: string, objectHeaders: Record<string, string>, content: Buffer, browser: boolean) {
    const headers = objectHeadersOf(objectHeaders);
    const versionId = versioned.has(bucket) ? newVersionId() : undefined;
    if (versionId) {
      const kept = await upstreamCall('PUT', versionStoreBucket(bucket), versionKey(key, versionId), { ...headers, [VERSION_METADATA_HEADER]: versionId }, content);
      if (kept.status !== 200) return { ...kept, etag: '', versionId };
    }
    const stored = await upstreamCall(
      'PUT',
      bucket,
      key,
      { ...headers, ...(browser ? { [BROWSER_UPLOAD_HEADER]: '1' } : {}), ...(versionId ? { [VERSION_METADATA_HEADER]: versionId } : {}) },
      content,
    );
    return { ...stored, etag: String(stored.headers.etag ?? ''), versionId };
  }

  /** A request of the front's own to s3rver, signed with the emulator's key. */
  function upstreamCall(method: string, bucket: string, key: string, headers: Record<string, string>, content: Buffer) {
    const path = `/${uriEncode(bucket)}/${key.split('/').map(uriEncode).join('/')}`;
    const all: Record<string, string> = { host: `127.0.0.1:${options.upstreamPort}`, ...(method === 'PUT' ? { 'content-length': String(content.length) } : {}), ...headers };
    const signed = signRequest(
      { method, path, query: '', headers: Object.entries(all) },
      { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      options.region,
      now(),
      sha256Hex(content),
    );
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const call = http.request({ host: '127.0.0.1', port: options.upstreamPort, agent: upstream, method, path, headers: { ...all, ...signed } }, (response) => {
        readBody(response).then((body) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body }), reject);
      });
      call.on('error', reject);
      call.end(method === 'PUT' ? content : undefined);
    });
  }

  /** The body to pass on: streamed when unsigned, checked against its signed SHA-256 otherwise. */
  async function checkedBody(req: IncomingMessage, payloadHash: string): Promise<IncomingMessage | Buffer> {
    if (payloadHash === UNSIGNED_PAYLOAD) return req;
    if (payloadHash.startsWith('STREAMING-')) {
      // s3rver would store the aws-chunked framing inside the object.
      throw s3Errors.notImplemented(
        `x-amz-content-sha256 ${payloadHash} (aws-chunked uploads) is not supported by the local S3 emulator; ` +
          "create the S3 client with requestChecksumCalculation: 'WHEN_REQUIRED'",
      );
    }
    if (!/^[0-9a-f]{64}$/i.test(payloadHash)) {
      throw s3Errors.invalidArgument('x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.', {
        ArgumentName: 'x-amz-content-sha256',
        ArgumentValue: payloadHash,
      });
    }
    const body = await readBody(req);
    const computed = sha256Hex(body);
    if (computed !== payloadHash.toLowerCase()) throw s3Errors.contentSha256Mismatch(payloadHash, computed);
    return body;
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: IncomingMessage | Buffer): Promise<void> {
    const headers = forwardedHeaders(req.headers, req.socket.remoteAddress);
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    return proxy({ method: req.method ?? 'GET', path: req.url ?? '/', headers }, body, res);
  }

  async function proxy(target: { method: string; path: string; headers: http.OutgoingHttpHeaders }, body: IncomingMessage | Buffer, res: ServerResponse) {
    const upstreamRequest = http.request({ host: '127.0.0.1', port: options.upstreamPort, agent: upstream, ...target });
    const response = new Promise<IncomingMessage>((resolve, reject) => upstreamRequest.once('response', resolve).once('error', reject));
    if (Buffer.isBuffer(body)) upstreamRequest.end(body);
    // A client that goes away mid-upload aborts the upstream request too. An upstream that answers
    // early (an error) may stop reading; its answer is what counts.
    else pipeline(body, upstreamRequest).catch(() => undefined);
    const upstreamResponse = await response;
    res.writeHead(upstreamResponse.statusCode ?? 502, answerHeaders(upstreamResponse.headers));
    await pipeline(upstreamResponse, res);
  }

  /** A browser upload: check the form against its policy, then store the file with a PutObject. */
  async function browserUpload(req: IncomingMessage, res: ServerResponse, bucket: string): Promise<void> {
    const form = await parsePostForm(await readBody(req), req.headers['content-type'] ?? '');
    const accepted = verifyPostPolicy(form, bucket, verifier());
    const content = form.fileContent ?? Buffer.alloc(0);

    const stored = await storeObject(bucket, accepted.key, accepted.objectHeaders, content, true);
    if (stored.status !== 200) {
      // s3rver's own refusal (e.g. NoSuchBucket): pass it on as is.
      res.writeHead(stored.status, { 'content-type': 'application/xml', ...corsFor(req) });
      res.end(stored.body);
      return;
    }
    answerBrowserUpload(req, res, bucket, accepted, stored.etag, stored.versionId);
  }

  function answerBrowserUpload(req: IncomingMessage, res: ServerResponse, bucket: string, accepted: AcceptedPost, etag: string, versionId: string | undefined): void {
    const objectPath = `/${uriEncode(bucket)}/${accepted.key.split('/').map(uriEncode).join('/')}`;
    const location = `http://${req.headers.host ?? '127.0.0.1'}${objectPath}`;
    const common = { etag, location, ...(versionId ? { 'x-amz-version-id': versionId } : {}), ...s3Headers(), ...corsFor(req) };
    if (accepted.successActionRedirect && URL.canParse(accepted.successActionRedirect)) {
      const redirect = new URL(accepted.successActionRedirect);
      redirect.searchParams.append('bucket', bucket);
      redirect.searchParams.append('key', accepted.key);
      redirect.searchParams.append('etag', etag);
      res.writeHead(303, { ...common, location: redirect.href });
      res.end();
      return;
    }
    if (accepted.successActionStatus === 201) {
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
        `<Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket>` +
        `<Key>${escapeXml(accepted.key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`;
      res.writeHead(201, { ...common, 'content-type': 'application/xml' });
      res.end(xml);
      return;
    }
    res.writeHead(accepted.successActionStatus, common);
    res.end();
  }

  const corsFor = (req: IncomingMessage): Record<string, string> => corsResponseHeaders(options.cors, req.headers.origin, req.method ?? 'GET');

  function answerError(req: IncomingMessage, res: ServerResponse, error: S3Error): void {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const headers = { ...s3Headers(requestId), ...corsFor(req) };
    options.log(`s3: ${error.status} ${error.code} ${req.method} ${req.url}: ${error.message}`);
    // Read the rest of the request, so the client sees the answer rather than a reset connection.
    req.resume();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (req.method === 'HEAD') {
      res.writeHead(error.status, headers);
      res.end();
      return;
    }
    res.writeHead(error.status, { ...headers, 'content-type': 'application/xml' });
    res.end(error.toXml(requestId));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof S3Error) return answerError(req, res, error);
      options.log(`s3: front failed on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      answerError(req, res, new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        upstream.destroy();
      }),
  };
}

/** The bucket and (decoded) key a path-style request names; undefined for the service root. */
function targetOf(path: string): { bucket: string; key?: string } | undefined {
  const match = /^\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (!match) return undefined;
  try {
    const decode = decodeURIComponent;
    return { bucket: decode(match[1]!), ...(match[2] ? { key: match[2].split('/').map(decode).join('/') } : {}) };
  } catch {
    return undefined; // s3rver answers a malformed path as before
  }
}

function rawHeaderPairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  return pairs;
}

function forwardedHeaders(headers: IncomingHttpHeaders, clientAddress: string | undefined): http.OutgoingHttpHeaders {
  const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_FORWARDED.has(name)));
  return { ...forwarded, 'x-forwarded-for': clientAddress ?? '127.0.0.1' };
}

function s3Headers(requestId = randomBytes(8).toString('hex').toUpperCase()): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': randomBytes(24).toString('base64'), server: 'AmazonS3' };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
