/** An error answered the way S3 answers it: a status code and an `<Error>` XML document. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements S3 adds to `<Error>` (e.g. `ProposedSize`), in order. */
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }

  toXml(requestId: string): string {
    const elements = { Code: this.code, Message: this.message, ...this.detail, RequestId: requestId };
    const body = Object.entries(elements)
      .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
  }
}

/** Escapes text content (the documents here have no attributes). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}

// The errors the front raises, with S3's codes, statuses and wording.
export const s3Errors = {
  accessDenied: (message = 'Access Denied') => new S3Error(403, 'AccessDenied', message),
  requestExpired: (detail: Record<string, string>) => new S3Error(403, 'AccessDenied', 'Request has expired', detail),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    }),
  signatureDoesNotMatch: (detail: Record<string, string>) =>
    new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      detail,
    ),
  requestTimeTooSkewed: (requestTime: string, serverTime: string) =>
    new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      RequestTime: requestTime,
      ServerTime: serverTime,
      MaxAllowedSkewMilliseconds: 900000,
    }),
  headersNotSigned: (headers: string[]) =>
    new S3Error(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: headers.join(', '),
    }),
  policy: (reason: string) => new S3Error(403, 'AccessDenied', `Invalid according to Policy: ${reason}`),
  authorizationHeaderMalformed: (message: string) =>
    new S3Error(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`),
  queryParametersError: (message: string) => new S3Error(400, 'AuthorizationQueryParametersError', message),
  invalidArgument: (message: string, detail: Record<string, string> = {}) =>
    new S3Error(400, 'InvalidArgument', message, detail),
  invalidRequest: (message: string) => new S3Error(400, 'InvalidRequest', message),
  invalidPolicyDocument: (message: string) => new S3Error(400, 'InvalidPolicyDocument', `Invalid Policy: ${message}`),
  malformedPost: () =>
    new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.'),
  entityTooLarge: (proposedSize: number, maxSizeAllowed: number) =>
    new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: proposedSize,
      MaxSizeAllowed: maxSizeAllowed,
    }),
  entityTooSmall: (proposedSize: number, minSizeAllowed: number) =>
    new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: proposedSize,
      MinSizeAllowed: minSizeAllowed,
    }),
  contentSha256Mismatch: (clientComputed: string, s3Computed: string) =>
    new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      ClientComputedContentSHA256: clientComputed,
      S3ComputedContentSHA256: s3Computed,
    }),
  notImplemented: (message: string) => new S3Error(501, 'NotImplemented', message),
};
