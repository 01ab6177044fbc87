import { AsyncLocalStorage } from 'node:async_hooks';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PersonalDataAction } from '../lambda/declaration.ts';
import { resourceEnv } from '../storage/tables.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';
import { personalDataKeysFromEnv, type PersonalDataKeys } from './personal-data-keys.ts';
import { maskResidentId } from './resident-id-mask.ts';

/**
 * Resident ID numbers at rest (issue 7, 001 §六(三)): the platform stores a person under a keyed hash
 * of the number (`personKey`, for look-ups: table keys, indexes, notices' addressees) and the number
 * itself only sealed (AES-256-GCM under a data key wrapped by KMS: envelope encryption), for the two
 * readers who may see it whole, the person and the credit office. Companies' codes (USCC) are public
 * and stored as they are.
 */

/** The prefix of a person key: `P_` and 32 base32 characters (160 bits of the HMAC), never 18 digits. */
export const personKeyPrefix = 'P_';
export const isPersonKey = (subjectId: string): boolean => subjectId.startsWith(personKeyPrefix);

/** Sealed values: `rid1.<wrapped data key>.<iv>.<tag>.<ciphertext>`, base64url parts. */
const sealedPrefix = 'rid1';
/** Whether a string is a sealed value (or starts like one): what no answer, export or notice may carry. */
export const isSealedValue = (value: string): boolean => value.startsWith(`${sealedPrefix}.`);

/**
 * The actions the running function declared (`personalData` in its capability's functions.ts). On AWS the
 * function's IAM policy is the boundary and this is empty; the local runtime, where every function shares
 * one key, runs each invocation inside it, so a use that the declaration (and so the stack's grant) lacks
 * fails locally as it would on AWS, before the call, cached answer or not.
 */
export const declaredPersonalData = new AsyncLocalStorage<{ functionName: string; actions: readonly PersonalDataAction[] }>();

let adapter: { env: string; keys: PersonalDataKeys } | undefined;
/** The key adapter of this environment, for `action`; re-read when the environment changes (the local runtime's tests start several platforms). */
function keys(action: PersonalDataAction): PersonalDataKeys {
  const declared = declaredPersonalData.getStore();
  if (declared && !declared.actions.includes(action))
    throw Object.assign(new Error(`${declared.functionName} may not ${action} resident ID numbers: its declaration grants ${declared.actions.join(', ') || 'nothing'} (personalData in its capability's functions.ts)`), { name: 'AccessDeniedException' });
  const env = [process.env[resourceEnv.personalDataKey], process.env[resourceEnv.personalDataMacKey], process.env[resourceEnv.personalDataLocalKey]].join('|');
  if (adapter?.env !== env) {
    adapter = { env, keys: personalDataKeysFromEnv() };
    personKeys.clear();
    dataKey = undefined;
    unwrapped.clear();
  }
  return adapter.keys;
}

/** Look-ups of one warm function repeat (a person checks, then objects): the MACs are kept, bounded. */
const personKeys = new Map<string, Promise<string>>();
const maxCachedPersonKeys = 10_000;

/** The look-up key of a resident ID number (canonical form): deterministic, and useless without the MAC key. */
export function personKey(residentId: string): Promise<string> {
  const k = keys('lookup');
  let cached = personKeys.get(residentId);
  if (!cached) {
    if (personKeys.size >= maxCachedPersonKeys) personKeys.delete(personKeys.keys().next().value!);
    cached = k.mac(`resident-id\u0000${residentId}`).then((mac) => personKeyPrefix + base32(mac.subarray(0, 20)));
    cached.catch(() => personKeys.delete(residentId));
    personKeys.set(residentId, cached);
  }
  return cached;
}

/** How a subject is stored and looked up: a USCC as it is, a person by `personKey`. */
export const subjectKeyOf = (subject: { type: SubjectIdType; id: string }): Promise<string> =>
  subject.type === 'residentId' ? personKey(subject.id) : Promise.resolve(subject.id);

/**
 * One data key per warm function for a while (as the AWS Encryption SDK's caching does): one KMS call
 * per few thousand seals, not one per record. Each sealed value carries its wrapped key.
 */
let dataKey: { plaintext: Buffer; wrapped: string; uses: number; until: number } | undefined;
const dataKeyUses = 5_000;
const dataKeyMs = 5 * 60_000;
const unwrapped = new Map<string, Promise<Buffer>>();

async function currentDataKey() {
  const k = keys('seal');
  if (!dataKey || dataKey.uses >= dataKeyUses || Date.now() > dataKey.until) {
    const fresh = await k.newDataKey();
    dataKey = { plaintext: fresh.plaintext, wrapped: fresh.wrapped.toString('base64url'), uses: 0, until: Date.now() + dataKeyMs };
    unwrapped.set(dataKey.wrapped, Promise.resolve(fresh.plaintext));
  }
  dataKey.uses += 1;
  return dataKey;
}

/** The resident ID number sealed for storage. */
export async function sealResidentId(residentId: string): Promise<string> {
  const key = await currentDataKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
  const body = Buffer.concat([cipher.update(residentId, 'utf8'), cipher.final()]);
  return [sealedPrefix, key.wrapped, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The resident ID number a sealed value holds; an Error when it was not sealed here or was altered. */
export async function openResidentId(sealed: string): Promise<string> {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== sealedPrefix) throw new Error('not a sealed resident ID');
  const [, wrapped, iv, tag, body] = parts as [string, string, string, string, string];
  const k = keys('open');
  let key = unwrapped.get(wrapped);
  if (!key) {
    key = k.unwrapDataKey(Buffer.from(wrapped, 'base64url'));
    key.catch(() => unwrapped.delete(wrapped));
    unwrapped.set(wrapped, key);
  }
  const decipher = createDecipheriv('aes-256-gcm', await key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** What the platform keeps of a subject's identity: its key, how it is shown masked, and (a person) the sealed number. */
export interface ProtectedSubjectId {
  /** The key the subject is stored under: the USCC, or the person key. */
  key: string;
  /** The ID as anyone allowed to see the subject sees it: the USCC, or the masked number (first 6, last 4). */
  masked: string;
  /** A person's number, sealed; absent for a USCC. */
  sealed?: string;
}

export async function protectSubjectId(subject: { type: SubjectIdType; id: string }): Promise<ProtectedSubjectId> {
  if (subject.type !== 'residentId') return { key: subject.id, masked: subject.id };
  const [key, sealed] = await Promise.all([personKey(subject.id), sealResidentId(subject.id)]);
  return { key, masked: maskResidentId(subject.id), sealed };
}

/**
 * A stored subject ID as a reader sees it: a USCC as it is; a person's number opened from its seal when
 * `reveal` (the person, the credit office), else masked. Items stored before numbers were sealed hold the
 * number itself as `id`: masked all the same, or shown when revealed.
 */
export async function showSubjectId(subject: { id: string; type: SubjectIdType; maskedId?: string; sealedId?: string }, reveal: boolean): Promise<string> {
  if (subject.type !== 'residentId') return subject.id;
  if (reveal) return subject.sealedId ? openResidentId(subject.sealedId) : isPersonKey(subject.id) ? (subject.maskedId ?? subject.id) : subject.id;
  return subject.maskedId ?? (isPersonKey(subject.id) ? subject.id : maskResidentId(subject.id));
}

/** RFC 4648 base32 without padding (A–Z, 2–7): upper case, so it is never mistaken for an ID number. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
