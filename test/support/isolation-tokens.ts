/**
 * Bad bearer tokens, made the way an attacker would: expired, not yet valid, signed with another key,
 * unsigned (`alg: none`), HS256 keyed with the public key, tampered after signing, of another issuer
 * or audience, of another county, without the claims that name the caller. The local runtime verifies
 * tokens as API Gateway's JWT authorizer does (local/identity/local-issuer.ts: ES256, issuer,
 * audience, expiry), and the handler reads the caller from the claims (shared/identity/caller.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';
import { claimNames } from '../../shared/identity/claims.ts';
import { localAudience, localIssuer } from '../../local/identity/local-issuer.ts';

export interface BadToken {
  name: string;
  /** Undefined: no Authorization header at all. */
  token: string | undefined;
  /** What a route with a token answers (public routes ignore tokens: 200). */
  expected: 401 | 403;
  /** Who refuses it: the gateway's JWT verification, or the handler reading the caller from the claims. */
  refusedBy: 'gateway' | 'handler';
}

/** The bad tokens for the county platform whose data folder is `dataDir` (its signing key is there). */
export async function badTokens(dataDir: string, countyId: string, otherCountyId: string): Promise<BadToken[]> {
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(join(dataDir, 'jwt-key.json'), 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  const key = await importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}): JWTPayload => {
    const all: Record<string, unknown> = {
      [claimNames.role]: 'department',
      [claimNames.orgId]: 'dept-a',
      [claimNames.county]: countyId,
      token_use: 'id',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as JWTPayload;
  };
  const signed = (
    payload: JWTPayload,
    options: { signWith?: Parameters<SignJWT['sign']>[0]; alg?: string; issuer?: string; audience?: string; exp?: number; nbf?: number } = {},
  ) => {
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: 'local' })
      .setSubject('department:dept-a:isolation')
      .setIssuer(options.issuer ?? localIssuer(countyId))
      .setAudience(options.audience ?? localAudience)
      .setIssuedAt(now - 120)
      .setExpirationTime(options.exp ?? now + 3600);
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(options.signWith ?? key);
  };

  const valid = await signed(claims());
  const [header, , signature] = valid.split('.');
  const escalated = Buffer.from(JSON.stringify({ ...claims({ [claimNames.role]: 'creditOffice', [claimNames.orgId]: 'credit-office' }), iss: localIssuer(countyId), aud: localAudience, exp: now + 3600 })).toString('base64url');
  const stranger = await generateKeyPair('ES256');

  return [
    { name: 'missing', token: undefined, expected: 401, refusedBy: 'gateway' },
    { name: 'not a JWT', token: 'not-a-jwt', expected: 401, refusedBy: 'gateway' },
    { name: 'expired', token: await signed(claims(), { exp: now - 60 }), expected: 401, refusedBy: 'gateway' },
    { name: 'not yet valid (nbf)', token: await signed(claims(), { nbf: now + 3600 }), expected: 401, refusedBy: 'gateway' },
    { name: 'forged (another key)', token: await signed(claims(), { signWith: stranger.privateKey }), expected: 401, refusedBy: 'gateway' },
    {
      name: 'alg: none',
      token: new UnsecuredJWT(claims()).setIssuer(localIssuer(countyId)).setAudience(localAudience).setIssuedAt().setExpirationTime(now + 3600).encode(),
      expected: 401,
      refusedBy: 'gateway',
    },
    { name: 'HS256 keyed with the public key', token: await signed(claims(), { alg: 'HS256', signWith: new TextEncoder().encode(JSON.stringify(publicJwk)) }), expected: 401, refusedBy: 'gateway' },
    { name: 'claims tampered (role raised)', token: `${header}.${escalated}.${signature}`, expected: 401, refusedBy: 'gateway' },
    { name: "another county's issuer", token: await signed(claims({ [claimNames.county]: otherCountyId }), { issuer: localIssuer(otherCountyId) }), expected: 401, refusedBy: 'gateway' },
    { name: 'another audience', token: await signed(claims(), { audience: 'another-client' }), expected: 401, refusedBy: 'gateway' },
    { name: 'county claim of another county', token: await signed(claims({ [claimNames.county]: otherCountyId })), expected: 403, refusedBy: 'handler' },
    { name: 'no role claim', token: await signed(claims({ [claimNames.role]: undefined })), expected: 401, refusedBy: 'handler' },
    { name: 'no organisation claim', token: await signed(claims({ [claimNames.orgId]: undefined })), expected: 401, refusedBy: 'handler' },
    { name: 'empty organisation', token: await signed(claims({ [claimNames.orgId]: '' })), expected: 401, refusedBy: 'handler' },
    { name: 'unknown role', token: await signed(claims({ [claimNames.role]: 'root' })), expected: 401, refusedBy: 'handler' },
    { name: 'no county claim', token: await signed(claims({ [claimNames.county]: undefined })), expected: 401, refusedBy: 'handler' },
  ];
}
