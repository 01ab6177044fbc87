import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/**
 * How a delivery is signed (docs/exchange.md): ES256 with the platform's signing key, the one whose public half the
 * machine API publishes (`/.well-known/jwks.json`), so a receiver verifies with what it can fetch, and no secret is
 * shared with any upstream. The signed text is the scheme, the delivery id, the timestamp and the body's SHA-256,
 * one per line: it holds newlines, so it is never a JWS signing input (base64url and one dot), and a delivery's
 * signature can never pass for a token's.
 */
export const signatureScheme = 'credit-delivery-v1';

export const deliveryHeaders = {
  id: 'x-credit-delivery-id',
  timestamp: 'x-credit-delivery-timestamp',
  signature: 'x-credit-signature',
} as const;

export function signingInput(id: string, timestamp: string, body: string | Buffer): Buffer {
  const digest = createHash('sha256').update(body).digest('hex');
  return Buffer.from(`${signatureScheme}\n${id}\n${timestamp}\n${digest}`, 'utf8');
}

/** The signature header: the key id and the signature (JOSE r‖s, base64url). */
export const signatureHeader = (kid: string, signature: Buffer): string => `${signatureScheme};kid=${kid};sig=${signature.toString('base64url')}`;

/**
 * What a receiver does (and the local receiving endpoint and the tests): the signature header parsed, the key found
 * in the JWKS by its id, the signature checked over the id, timestamp and body received. Answers why not, or null.
 */
export function verifyDelivery(args: { jwks: { keys: (JsonWebKey & { kid?: string })[] }; id: string; timestamp: string; signature: string; body: string | Buffer }): string | null {
  const match = /^credit-delivery-v1;kid=([A-Za-z0-9_-]+);sig=([A-Za-z0-9_-]+)$/.exec(args.signature);
  if (!match) return 'the signature header is not credit-delivery-v1;kid=…;sig=…';
  const jwk = args.jwks.keys.find((k) => k.kid === match[1]);
  if (!jwk) return `no key ${match[1]} in the JWKS`;
  const ok = verify('sha256', signingInput(args.id, args.timestamp, args.body), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(match[2]!, 'base64url'));
  return ok ? null : 'the signature does not match the body';
}
