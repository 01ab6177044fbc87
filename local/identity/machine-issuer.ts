import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { machineAudience } from '../../shared/identity/machine-scopes.ts';

/**
 * The local stand-in for the machine API's KMS token key and its JWT authorizer: a P-256 key kept in the
 * data folder, handed to the token function (MACHINE_TOKEN_LOCAL_KEY, as the stack hands it the KMS key's
 * ARN), and the verification API Gateway does (signature, issuer, audience, expiry) with its public part.
 */
export interface MachineTokenVerifier {
  /** The private JWK, for the token function's environment. */
  privateJwk: JsonWebKey;
  verify(token: string): Promise<JWTPayload>;
}

/** `now`: the platform clock, which the token function stamps tokens with (on AWS both are the real time). */
export function machineTokenVerifier(keyFile: string, issuer: () => string, countyId: string, now: () => Date = () => new Date()): MachineTokenVerifier {
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(privateKey.export({ format: 'jwk' })), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JsonWebKey;
  const publicKey = createPublicKey(createPrivateKey({ key: privateJwk, format: 'jwk' }));
  return {
    privateJwk,
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, { issuer: issuer(), audience: machineAudience(countyId), algorithms: ['ES256'], typ: 'at+jwt', currentDate: now() });
      return payload;
    },
  };
}
