import { s3Errors } from './s3-error.ts';
import {
  ALGORITHM,
  UNSIGNED_PAYLOAD,
  canonicalRequest,
  headerValue,
  hexSignature,
  isoSeconds,
  parseAmzDate,
  parseCredential,
  parseQuery,
  sameSignature,
  signingKey,
  stringToSign,
  toAmzDate,
  type CredentialScope,
  type SignableRequest,
} from './sigv4.ts';

/** What a signature is checked against. */
export interface Verifier {
  region: string;
  /** The secret of a known access key id, or undefined. */
  secretFor(accessKeyId: string): string | undefined;
  now: Date;
}

export interface VerifiedRequest {
  accessKeyId: string;
  /** The `x-amz-content-sha256` the client signed (a hex digest, or UNSIGNED-PAYLOAD / STREAMING-…). */
  payloadHash: string;
}

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES_S = 7 * 24 * 60 * 60;

/** Verifies a request signed with `Authorization: AWS4-HMAC-SHA256 …`; throws an S3Error otherwise. */
export function verifyHeaderSignedRequest(request: SignableRequest, verifier: Verifier): VerifiedRequest {
  const authorization = headerValue(request.headers, 'authorization') ?? '';
  const [algorithm] = authorization.split(' ', 1);
  if (algorithm !== ALGORITHM) {
    throw s3Errors.invalidArgument('Unsupported Authorization Type', { ArgumentName: 'Authorization', ArgumentValue: authorization });
  }
  const components = new Map(
    authorization
      .slice(ALGORITHM.length)
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const equals = part.indexOf('=');
        return [part.slice(0, equals), part.slice(equals + 1)] as const;
      }),
  );
  const credential = components.get('Credential');
  const signedHeaderList = components.get('SignedHeaders');
  const signature = components.get('Signature');
  if (!credential || !signedHeaderList || !signature) {
    throw s3Errors.authorizationHeaderMalformed(
      'the authorization header requires three components: Credential, SignedHeaders, and Signature.',
    );
  }
  const scope = parseCredential(credential);
  if (!scope) throw s3Errors.authorizationHeaderMalformed(`incorrect credential format '${credential}'.`);

  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (!payloadHash) {
    throw s3Errors.invalidRequest('Missing required header for this request: x-amz-content-sha256');
  }
  const xAmzDate = headerValue(request.headers, 'x-amz-date');
  const requestTime = xAmzDate === undefined ? parseHttpDate(headerValue(request.headers, 'date')) : parseAmzDate(xAmzDate);
  if (!requestTime) throw s3Errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  const amzDate = toAmzDate(requestTime);
  checkScope(scope, amzDate, verifier, s3Errors.authorizationHeaderMalformed);

  const secret = verifier.secretFor(scope.accessKeyId);
  if (secret === undefined) throw s3Errors.invalidAccessKeyId(scope.accessKeyId);
  if (Math.abs(verifier.now.getTime() - requestTime.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw s3Errors.requestTimeTooSkewed(amzDate, isoSeconds(verifier.now));
  }

  const signedHeaders = signedHeaderList.split(';');
  checkSignedHeaders(request, signedHeaders);
  const canonical = canonicalRequest({ request, queryPairs: parseQuery(request.query), signedHeaders, payloadHash });
  compareSignature({ scope, secret, amzDate, canonical, provided: signature });
  return { accessKeyId: scope.accessKeyId, payloadHash };
}

/** Verifies a presigned URL (`X-Amz-Algorithm`, `X-Amz-Credential`, … in the query); throws an S3Error otherwise. */
export function verifyPresignedRequest(request: SignableRequest, verifier: Verifier): VerifiedRequest {
  const pairs = parseQuery(request.query);
  const param = (name: string): string | undefined => pairs.find(([key]) => key === name)?.[1];
  if (param('X-Amz-Algorithm') !== ALGORITHM) {
    throw s3Errors.queryParametersError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const required = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (required.some((name) => param(name) === undefined)) {
    throw s3Errors.queryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const credential = param('X-Amz-Credential')!;
  const amzDate = param('X-Amz-Date')!;
  const expires = param('X-Amz-Expires')!;
  const scope = parseCredential(credential);
  if (!scope) throw s3Errors.queryParametersError(`Error parsing the X-Amz-Credential parameter; incorrect format '${credential}'.`);
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) throw s3Errors.queryParametersError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  if (!/^\d+$/.test(expires)) throw s3Errors.queryParametersError('X-Amz-Expires should be a number');
  if (Number(expires) > MAX_PRESIGNED_EXPIRES_S) {
    throw s3Errors.queryParametersError(
      'X-Amz-Expires must be less than a week (in seconds) that is 604800 seconds',
    );
  }
  checkScope(scope, amzDate, verifier, (message) => s3Errors.queryParametersError(`Error parsing the X-Amz-Credential parameter; ${message}`));

  const secret = verifier.secretFor(scope.accessKeyId);
  if (secret === undefined) throw s3Errors.invalidAccessKeyId(scope.accessKeyId);
  const expiresAt = new Date(requestTime.getTime() + Number(expires) * 1000);
  if (verifier.now > expiresAt) {
    throw s3Errors.requestExpired({ 'X-Amz-Expires': expires, Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(verifier.now) });
  }

  const signedHeaders = param('X-Amz-SignedHeaders')!.split(';');
  checkSignedHeaders(request, signedHeaders);
  const canonical = canonicalRequest({
    request,
    queryPairs: pairs.filter(([name]) => name !== 'X-Amz-Signature'),
    signedHeaders,
    payloadHash: UNSIGNED_PAYLOAD,
  });
  compareSignature({ scope, secret, amzDate, canonical, provided: param('X-Amz-Signature')! });
  return { accessKeyId: scope.accessKeyId, payloadHash: UNSIGNED_PAYLOAD };
}

/** The credential's date must be the request's day, its region ours, its service s3. */
export function checkScope(
  scope: CredentialScope,
  amzDate: string,
  verifier: Pick<Verifier, 'region'>,
  malformed: (message: string) => Error,
): void {
  if (scope.date !== amzDate.slice(0, 8)) throw malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  if (scope.region !== verifier.region) throw malformed(`the region '${scope.region}' is wrong; expecting '${verifier.region}'`);
  if (scope.service !== 's3') throw malformed(`incorrect service '${scope.service}'. This endpoint belongs to 's3'.`);
  if (scope.terminator !== 'aws4_request') throw malformed(`incorrect terminal '${scope.terminator}'. This endpoint uses 'aws4_request'.`);
}

/** S3 wants `host` and every `x-amz-*` header that was sent to be signed. */
function checkSignedHeaders(request: SignableRequest, signedHeaders: readonly string[]): void {
  if (!signedHeaders.includes('host')) throw s3Errors.headersNotSigned(['host']);
  const unsigned = [
    ...new Set(request.headers.map(([name]) => name.toLowerCase()).filter((name) => name.startsWith('x-amz-') && !signedHeaders.includes(name))),
  ];
  if (unsigned.length) throw s3Errors.headersNotSigned(unsigned);
}

function compareSignature(input: { scope: CredentialScope; secret: string; amzDate: string; canonical: string; provided: string }): void {
  const { scope, secret, amzDate, canonical, provided } = input;
  const toSign = stringToSign(amzDate, scope, canonical);
  const expected = hexSignature(signingKey(secret, scope.date, scope.region, scope.service), toSign);
  if (!sameSignature(expected, provided)) {
    throw s3Errors.signatureDoesNotMatch({
      AWSAccessKeyId: scope.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: provided,
      CanonicalRequest: canonical,
    });
  }
}

function parseHttpDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
