import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../storage/canonical-json.ts';
import { conflict, validationFailed } from '../errors/domain-errors.ts';

/**
 * `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client names one request, so that a
 * retry, or the same request sent twice at once, is done once. The one mechanism of every route that
 * honours it (POST /checks, POST /consents):
 * - the id of what the request creates follows from the key and whose request it is (`idempotentId`), so
 *   every copy of the request meets on one item, written once under a condition;
 * - the item keeps the hash of what was asked (`requestHash`), so the same key with another body is 409
 *   (`requireSameRequest`) and the same key and body answers the first result.
 */
export const idempotencyKeyField = 'headers.idempotency-key';

/** Longest key taken (the draft sets none; a UUID is 36). */
const maxKeyLength = 255;

/** The request's Idempotency-Key, if it has one: 1 to 255 visible ASCII characters, else 400 naming the header. */
export function idempotencyKeyOf(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > maxKeyLength || !/^[\x21-\x7e]+$/.test(key))
    throw validationFailed(idempotencyKeyField, `must be 1 to ${maxKeyLength} visible ASCII characters (a UUID, for example)`);
  return key;
}

/**
 * The id of the item a request creates: `prefix` and 22 base64url characters, from the key within
 * `scope` (who asks: a department, a subject) when there is a key, so that copies of a request meet on
 * one id; random without one.
 */
export function idempotentId(prefix: string, scope: string, key: string | undefined): string {
  const bytes = key === undefined ? randomBytes(16) : createHash('sha256').update(`${scope}\u0000${key}`).digest();
  return `${prefix}${bytes.toString('base64url').slice(0, 22)}`;
}

/**
 * SHA-256 (hex) of what a request asks for, as canonical JSON: the use case passes the request as it
 * understood it (normalised, a person's number replaced by its look-up key), so that no ID number is
 * hashed and two spellings of one request are one request.
 */
export const requestHash = (request: unknown): string => createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');

/**
 * A key that met an item already stored: the same request answers that item; another is 409 naming the
 * header. An item stored before it kept a hash (`undefined`) is taken as the same request.
 */
export function requireSameRequest(stored: string | undefined, asked: string): void {
  if (stored !== undefined && stored !== asked)
    throw conflict('this Idempotency-Key was used for another request: use a new key for a new request', idempotencyKeyField);
}
