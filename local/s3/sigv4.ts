import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS Signature Version 4 as S3 applies it: canonical request, string to sign, signing key.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A request as it arrived: the path and query still percent-encoded, the header lines as sent. */
export interface SignableRequest {
  method: string;
  /** Path without the query, as on the wire (e.g. `/reports/a%20b.pdf`). */
  path: string;
  /** Query string without the `?`, as on the wire. */
  query: string;
  /** Header lines in arrival order; names in any case. */
  headers: ReadonlyArray<readonly [string, string]>;
}

/** `AKID/20250101/cn-north-1/s3/aws4_request`, split. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export function signingKey(secretAccessKey: string, date: string, region: string, service = 's3'): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  return hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
}

export const hexSignature = (key: Buffer, stringToSign: string): string => hmac(key, stringToSign).toString('hex');

/** Constant-time comparison of two hex signatures. */
export function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 3986 escaping, as SigV4 wants it: everything but `A-Za-z0-9-._~`. */
export const uriEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** S3 signs the path once-encoded and not normalised: decode each segment, then encode it again. */
export const canonicalUri = (path: string): string => path.split('/').map((segment) => uriEncode(decodeOrKeep(segment))).join('/');

/** Decoded `[name, value]` pairs of a raw query string, in order. */
export function parseQuery(query: string): Array<[string, string]> {
  if (!query) return [];
  return query
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const equals = part.indexOf('=');
      return equals < 0 ? [decodeOrKeep(part), ''] : [decodeOrKeep(part.slice(0, equals)), decodeOrKeep(part.slice(equals + 1))];
    });
}

export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** All values of one header (case-insensitive), trimmed, inner runs of spaces collapsed, joined by `,`. */
export function headerValue(headers: SignableRequest['headers'], name: string): string | undefined {
  const values = headers.filter(([header]) => header.toLowerCase() === name).map(([, value]) => value.trim().replace(/\s+/g, ' '));
  return values.length ? values.join(',') : undefined;
}

export interface CanonicalRequestInput {
  request: SignableRequest;
  /** Query pairs to sign (presigned URLs leave out X-Amz-Signature). */
  queryPairs: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names, sorted, as in `SignedHeaders`. */
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function canonicalRequest({ request, queryPairs, signedHeaders, payloadHash }: CanonicalRequestInput): string {
  const headerLines = signedHeaders.map((name) => `${name}:${headerValue(request.headers, name) ?? ''}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(queryPairs),
    headerLines,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export const scopeString = (scope: Omit<CredentialScope, 'accessKeyId'>): string =>
  `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;

export const stringToSign = (amzDate: string, scope: CredentialScope, canonical: string): string =>
  [ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join('\n');

export function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part.length === 0)) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator };
}

/** `20250101T120000Z` → Date, or undefined if it is not in that form. */
export function parseAmzDate(amzDate: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const toAmzDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** S3's ISO form for times in error details: `2025-01-01T12:00:00Z`. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}/, '');

export interface SignedHeaders {
  'x-amz-date': string;
  'x-amz-content-sha256': string;
  authorization: string;
}

/**
 * Signs a request with the Authorization header (used to hand verified browser uploads to s3rver).
 * `request.headers` must already hold `host` and any other header to sign.
 */
export function signRequest(
  request: SignableRequest,
  credentials: { accessKeyId: string; secretAccessKey: string },
  region: string,
  now: Date,
  payloadHash = UNSIGNED_PAYLOAD,
): SignedHeaders {
  const amzDate = toAmzDate(now);
  const added = { 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  const headers = [...request.headers, ...Object.entries(added)];
  const signedHeaders = [...new Set(headers.map(([name]) => name.toLowerCase()))].sort();
  const scope: CredentialScope = { accessKeyId: credentials.accessKeyId, date: amzDate.slice(0, 8), region, service: 's3', terminator: 'aws4_request' };
  const canonical = canonicalRequest({ request: { ...request, headers }, queryPairs: parseQuery(request.query), signedHeaders, payloadHash });
  const signature = hexSignature(signingKey(credentials.secretAccessKey, scope.date, region), stringToSign(amzDate, scope, canonical));
  return {
    ...added,
    authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${scopeString(scope)}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}
