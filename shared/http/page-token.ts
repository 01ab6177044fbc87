import { validationFailed } from './errors.ts';

/**
 * The `nextToken` of a paged list: where the next page starts (a DynamoDB key, or more), as opaque
 * base64url JSON. A token this API did not give out is a 400 on `query.nextToken`.
 */
export const encodePageToken = (position: object): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodePageToken<T extends object = Record<string, unknown>>(token: string | undefined): T | undefined {
  if (!token) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as T;
  } catch {
    // not JSON: refused below
  }
  throw validationFailed('query.nextToken', 'is not a token this API gave out');
}
