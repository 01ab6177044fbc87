import { validationFailed } from '../errors/domain-errors.ts';

/**
 * The `nextToken` of a paged list: where the next page starts (a DynamoDB key, or more), as opaque
 * base64url JSON. A token this API did not give out is a 400 on `query.nextToken`.
 */
export const encodePageToken = (position: object): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodePageToken<T extends object = Record<string, unknown>>(token: string | undefined): T | undefined {
  if (!token) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as T;
  } catch {
    // not JSON: refused below
  }
  throw pageTokenRefused();
}

const pageTokenRefused = () => validationFailed('query.nextToken', 'is not a token this listing gave out');

/**
 * A token that decodes but names a position DynamoDB refuses as the start of this query (forged, or
 * given out by another caller's listing: another partition) is the caller's error, not the platform's:
 * 400 on `query.nextToken`, as an undecodable one. DynamoDB refuses it before reading anything.
 */
export function asPageTokenError(error: unknown): Error | undefined {
  const e = error as { name?: string; message?: string } | undefined;
  if (e?.name === 'ValidationException' && /exclusive ?start ?key|starting key/i.test(e.message ?? '')) return pageTokenRefused();
  return undefined;
}
