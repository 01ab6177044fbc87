import type { JsonWebKey } from 'node:crypto';
import { tokenSignerFromEnv } from '../machine-clients/port.ts';
import { resourceEnv } from '../storage/tables.ts';
import type { LogSigner } from './log-entry.ts';

export type PublishedKey = JsonWebKey & { kid: string; alg: 'ES256'; use: 'sig' };

/**
 * The usage log signs its heads and promises with the platform's key (an ECC P-256 KMS key on AWS, a key in the data
 * folder locally), the one the machine API publishes in its JWKS: a verifier needs that one public key. The texts
 * signed start with what they are and hold newlines, so none passes for a token or for the other (tree-head.ts).
 * One per key the environment names (the local runtime may change it between platforms).
 */
const signers = new Map<string, Promise<LogSigner & { publicJwk: PublishedKey }>>();

export function logSignerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<LogSigner & { publicJwk: PublishedKey }> {
  const which = `${env[resourceEnv.machineTokenKey] ?? ''}|${env[resourceEnv.machineTokenLocalKey] ?? ''}`;
  let signer = signers.get(which);
  if (!signer) {
    const tokens = tokenSignerFromEnv(env);
    signer = tokens.publicJwk().then((jwk) => ({ keyId: jwk.kid, sign: (data: Buffer) => tokens.sign(data), publicJwk: jwk }));
    signers.set(which, signer);
  }
  return signer;
}
