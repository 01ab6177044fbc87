import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { resourceEnv } from '../storage/tables.ts';

/**
 * The keys that protect resident ID numbers, as a port with two adapters: KMS on AWS (a symmetric key
 * wraps data keys, an HMAC_256 key makes look-up hashes; neither key ever leaves KMS), and one local
 * key in the local runtime (32 random bytes in the data folder, split by HKDF into a MAC key and a
 * wrapping key). Which one a function gets depends only on its environment.
 */
export interface PersonalDataKeys {
  /** HMAC-SHA-256 of `message` under the look-up key: the same message always gives the same MAC. */
  mac(message: string): Promise<Buffer>;
  /** A fresh AES-256 data key, and the same key wrapped (encrypted) for storage beside what it seals. */
  newDataKey(): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  /** The plaintext of a wrapped data key. */
  unwrapDataKey(wrapped: Buffer): Promise<Buffer>;
}

/**
 * Binds every wrapped key to its purpose: a key wrapped for something else does not unwrap here. The
 * stack's grants require exactly this context (and this MAC algorithm), so they serve ID numbers only.
 */
export const encryptionContext = { purpose: 'resident-id' } as const;
export const macAlgorithm = 'HMAC_SHA_256';

export function kmsPersonalDataKeys(keyArn: string, macKeyArn: string, kms = new KMSClient({})): PersonalDataKeys {
  return {
    async mac(message) {
      const out = await kms.send(new GenerateMacCommand({ KeyId: macKeyArn, MacAlgorithm: macAlgorithm, Message: Buffer.from(message, 'utf8') }));
      return Buffer.from(out.Mac!);
    },
    async newDataKey() {
      const out = await kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: encryptionContext }));
      return { plaintext: Buffer.from(out.Plaintext!), wrapped: Buffer.from(out.CiphertextBlob!) };
    },
    async unwrapDataKey(wrapped) {
      const out = await kms.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: wrapped, EncryptionContext: encryptionContext }));
      return Buffer.from(out.Plaintext!);
    },
  };
}

/** The local adapter: AES-256-GCM key wrapping and HMAC-SHA-256 under keys derived from one master key. */
export function localPersonalDataKeys(masterKey: Buffer): PersonalDataKeys {
  if (masterKey.length !== 32) throw new Error(`the local personal-data key must be 32 bytes, not ${masterKey.length}`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const macKey = derive('resident-id mac');
  const wrapKey = derive('resident-id wrap');
  const aad = Buffer.from(JSON.stringify(encryptionContext));
  return {
    async mac(message) {
      return createHmac('sha256', macKey).update(message, 'utf8').digest();
    },
    async newDataKey() {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', wrapKey, iv).setAAD(aad);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
    },
    async unwrapDataKey(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', wrapKey, wrapped.subarray(0, 12)).setAAD(aad);
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    },
  };
}

/** The adapter this function's environment names: the KMS key ARNs on AWS, the local key locally. */
export function personalDataKeysFromEnv(env: NodeJS.ProcessEnv = process.env): PersonalDataKeys {
  const keyArn = env[resourceEnv.personalDataKey];
  const macKeyArn = env[resourceEnv.personalDataMacKey];
  if (keyArn && macKeyArn) return kmsPersonalDataKeys(keyArn, macKeyArn);
  const local = env[resourceEnv.personalDataLocalKey];
  if (local) return localPersonalDataKeys(Buffer.from(local, 'base64'));
  throw new Error(`neither ${resourceEnv.personalDataKey}/${resourceEnv.personalDataMacKey} nor ${resourceEnv.personalDataLocalKey} is set: the function's declaration does not grant personal data`);
}
