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

/**
 * The verifying front: answers on the emulator's public port, refuses what S3 would refuse
 * (bad or expired signatures, unknown keys, anonymous requests, browser uploads that break their
 * policy) and hands everything else to s3rver.
 */

export interface FrontOptions {
  /** 0 picks a free port. */
  port: number;
  upstreamPort: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  cors: readonly CorsRule[];
  log: (line: string) => void;
  now?: () => Date;
}

export interface Front {
  port: number;
  close(): Promise<void>;
}

// Not passed on: they describe one connection, or are the front's to set.
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'expect', 'transfer-encoding', 'upgrade', 'proxy-connection', 'x-forwarded-for', BROWSER_UPLOAD_HEADER]);

export async function startFront(options: FrontOptions): Promise<Front> {
  const now = options.now ?? (() => new Date());
  const upstream = new http.Agent({ keepAlive: true });
  const verifier = (): Verifier => ({
    region: options.region,
    now: now(),
    secretFor: (accessKeyId) => (accessKeyId === options.accessKeyId ? options.secretAccessKey : undefined),
  });

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
    if (signedByHeader) {
      const { payloadHash } = verifyHeaderSignedRequest(request, verifier());
      return forward(req, res, await checkedBody(req, payloadHash));
    }
    if (presigned) {
      verifyPresignedRequest(request, verifier());
      return forward(req, res, req);
    }
    // A CORS preflight carries no credentials, on S3 too; s3rver answers it from the bucket's CORS rules.
    if (request.method === 'OPTIONS') return forward(req, res, req);
    const bucket = /^\/([^/]+)\/?$/.exec(request.path)?.[1];
    if (request.method === 'POST' && bucket && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      return browserUpload(req, res, bucket);
    }
    throw s3Errors.accessDenied();
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
    const headers = Object.fromEntries(Object.entries(upstreamResponse.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
    res.writeHead(upstreamResponse.statusCode ?? 502, headers);
    await pipeline(upstreamResponse, res);
  }

  /** A browser upload: check the form against its policy, then store the file with a PutObject. */
  async function browserUpload(req: IncomingMessage, res: ServerResponse, bucket: string): Promise<void> {
    const form = await parsePostForm(await readBody(req), req.headers['content-type'] ?? '');
    const accepted = verifyPostPolicy(form, bucket, verifier());
    const content = form.fileContent ?? Buffer.alloc(0);

    const path = `/${uriEncode(bucket)}/${accepted.key.split('/').map(uriEncode).join('/')}`;
    const headers: Record<string, string> = {
      host: `127.0.0.1:${options.upstreamPort}`,
      'content-length': String(content.length),
      [BROWSER_UPLOAD_HEADER]: '1',
      ...accepted.objectHeaders,
    };
    const signed = signRequest(
      { method: 'PUT', path, query: '', headers: Object.entries(headers) },
      { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      options.region,
      now(),
      sha256Hex(content),
    );
    const stored = await putToUpstream(path, { ...headers, ...signed, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1' }, content);
    if (stored.status !== 200) {
      // s3rver's own refusal (e.g. NoSuchBucket): pass it on as is.
      res.writeHead(stored.status, { 'content-type': 'application/xml', ...corsFor(req) });
      res.end(stored.body);
      return;
    }
    answerBrowserUpload(req, res, bucket, accepted, stored.etag);
  }

  function putToUpstream(path: string, headers: Record<string, string>, content: Buffer) {
    return new Promise<{ status: number; etag: string; body: Buffer }>((resolve, reject) => {
      const put = http.request({ host: '127.0.0.1', port: options.upstreamPort, agent: upstream, method: 'PUT', path, headers }, (response) => {
        readBody(response).then(
          (body) => resolve({ status: response.statusCode ?? 502, etag: String(response.headers.etag ?? ''), body }),
          reject,
        );
      });
      put.on('error', reject);
      put.end(content);
    });
  }

  function answerBrowserUpload(req: IncomingMessage, res: ServerResponse, bucket: string, accepted: AcceptedPost, etag: string): void {
    const objectPath = `/${uriEncode(bucket)}/${accepted.key.split('/').map(uriEncode).join('/')}`;
    const location = `http://${req.headers.host ?? '127.0.0.1'}${objectPath}`;
    const common = { etag, location, ...s3Headers(), ...corsFor(req) };
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
