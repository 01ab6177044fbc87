import { createPrivateKey, createPublicKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { calculateJwkThumbprint } from 'jose';
import { resourceEnv } from '../storage/tables.ts';

/**
 * The key machine tokens are signed with (ES256), as a port with two adapters: an ECC_NIST_P256 KMS key on AWS
 * (the private key never leaves KMS; kms:Sign per token) and a P-256 key kept in the data folder locally.
 * Both answer the public key as a JWK for the machine API's JWKS, which the gateway's authorizer reads.
 */
export interface TokenSigner {
  /** The ES256 signature of `data` in JOSE form (r ‖ s, 64 bytes). */
  sign(data: Buffer): Promise<Buffer>;
  publicJwk(): Promise<JsonWebKey & { kid: string; alg: 'ES256'; use: 'sig' }>;
}

async function withKid(jwk: JsonWebKey) {
  const { kty, crv, x, y } = jwk as { kty: string; crv: string; x: string; y: string };
  const kid = await calculateJwkThumbprint({ kty, crv, x, y });
  return { kty, crv, x, y, kid, alg: 'ES256' as const, use: 'sig' as const };
}

export function kmsTokenSigner(keyArn: string, kms = new KMSClient({})): TokenSigner {
  let publicKey: Promise<Awaited<ReturnType<TokenSigner['publicJwk']>>> | undefined;
  return {
    async sign(data) {
      const out = await kms.send(new SignCommand({ KeyId: keyArn, Message: data, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
      return derToJose(Buffer.from(out.Signature!));
    },
    publicJwk() {
      publicKey ??= kms.send(new GetPublicKeyCommand({ KeyId: keyArn })).then((out) => withKid(createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' }).export({ format: 'jwk' })));
      return publicKey;
    },
  };
}

export function localTokenSigner(privateJwk: JsonWebKey): TokenSigner {
  const key: KeyObject = createPrivateKey({ key: privateJwk, format: 'jwk' });
  return {
    async sign(data) {
      return sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
    },
    publicJwk: () => withKid(createPublicKey(key).export({ format: 'jwk' })),
  };
}

/** The adapter this function's environment names. */
export function tokenSignerFromEnv(env: NodeJS.ProcessEnv = process.env): TokenSigner {
  const arn = env[resourceEnv.machineTokenKey];
  if (arn) return kmsTokenSigner(arn);
  const local = env[resourceEnv.machineTokenLocalKey];
  if (local) return localTokenSigner(JSON.parse(local) as JsonWebKey);
  throw new Error(`neither ${resourceEnv.machineTokenKey} nor ${resourceEnv.machineTokenLocalKey} is set: the function's declaration does not grant the machine token key`);
}

/**
 * KMS answers an ECDSA signature DER-encoded (SEQUENCE of two INTEGERs); JWS wants r and s as 32 bytes each.
 */
export function derToJose(der: Buffer): Buffer {
  let offset = 2;
  if (der[0] !== 0x30) throw new Error('not a DER ECDSA signature');
  if (der[1]! & 0x80) offset += der[1]! & 0x7f;
  const integer = () => {
    if (der[offset] !== 0x02) throw new Error('not a DER ECDSA signature');
    const length = der[offset + 1]!;
    const value = der.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
}
