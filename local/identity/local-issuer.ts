import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { claimNames } from '../../shared/identity/claims.ts';
import type { Role } from '../../shared/identity/roles.ts';

/**
 * Local stand-in for the Cognito user pool: tokens signed with a key kept in the data folder and
 * verified the way API Gateway's JWT authorizer verifies Cognito's (signature, issuer, audience, expiry).
 * The claims are the same custom attributes, so handlers see the same caller on AWS and locally.
 */
export const localAudience = 'credit-platform-local';
export const localIssuer = (county: string) => `https://local.credit-platform/${county}`;
const algorithm = 'ES256';

export interface TokenRequest {
  role: Role;
  orgId: string;
  county: string;
  userId?: string;
  /** Lifetime in seconds; 12 hours by default. */
  expiresInSeconds?: number;
}

export interface LocalIssuer {
  sign(request: TokenRequest): Promise<string>;
  /** Verified claims, or an Error saying why the token is refused. */
  verify(token: string): Promise<JWTPayload>;
}

export async function localIssuerFor(county: string, keyFile: string): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await loadOrCreateKeys(keyFile);
  const issuer = localIssuer(county);
  return {
    async sign({ role, orgId, county: tokenCounty, userId, expiresInSeconds = 12 * 3600 }) {
      return new SignJWT({
        [claimNames.role]: role,
        [claimNames.orgId]: orgId,
        [claimNames.county]: tokenCounty,
        token_use: 'id',
      })
        .setProtectedHeader({ alg: algorithm, kid: 'local' })
        // As Cognito does: a random UUID, naming neither the role nor the organisation (a person's would be its ID number).
        .setSubject(userId ?? randomUUID())
        .setIssuer(issuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, { issuer, audience: localAudience, algorithms: [algorithm] });
      return payload;
    },
  };
}

async function loadOrCreateKeys(keyFile: string) {
  if (!existsSync(keyFile)) {
    const pair = await generateKeyPair(algorithm, { extractable: true });
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify({ privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) }), {
      mode: 0o600,
    });
  }
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  return { privateKey: await importJWK(privateJwk, algorithm), publicKey: await importJWK(publicJwk, algorithm) };
}
