/**
 * Object keys in S3 event notifications are form-URL-encoded: a space becomes `+`, a literal `+`
 * becomes `%2B`, UTF-8 bytes become `%XX`. `/` is left as is. The decoder is the handlers' own
 * (shared/lambda/event-schemas.ts), so the emulator's tests check the very function handlers use.
 */
import { decodeS3Key } from '../../shared/lambda/event-schemas.ts';

// Left unescaped, as Java's URLEncoder (which S3 notifications follow) does, plus the key's `/`.
const UNESCAPED = /[A-Za-z0-9.\-*_/]/;

/** Encodes a key the way S3 writes it into `Records[].s3.object.key`. */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (char === ' ') encoded += '+';
    else if (UNESCAPED.test(char)) encoded += char;
    else
      for (const byte of new TextEncoder().encode(char)) {
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
  }
  return encoded;
}

/** Turns `Records[].s3.object.key` back into the object key. */
export const decodeS3EventKey = decodeS3Key;
