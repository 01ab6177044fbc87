import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { leafHash, verifyConsistency, verifyInclusion, type Hash } from './merkle-tree.ts';

/**
 * What the usage log signs (docs/usage-log.md): a tree head (an organisation's log at a size, its root, when) and a
 * promise of inclusion given with a check before the entry is in a head (Certificate Transparency's SCT). ES256 over
 * a text of one field per line, starting with what it is, so neither can pass for the other nor for a token (a JWS
 * signing input has no newline). Pure: the signature is made by a function the caller gives.
 */
export interface TreeHead {
  logId: string;
  org: string;
  treeSize: number;
  /** Hex. */
  rootHash: string;
  timestamp: string;
}

export interface InclusionPromise {
  logId: string;
  org: string;
  /** Hex of the entry's leaf hash. */
  leafHash: string;
  timestamp: string;
}

export type Signed<T> = T & { keyId: string; signature: string };

export const treeHeadText = (h: TreeHead): Buffer => Buffer.from(['usage-log-head-v1', h.logId, h.org, String(h.treeSize), h.rootHash, h.timestamp].join('\n'), 'utf8');
export const promiseText = (p: InclusionPromise): Buffer => Buffer.from(['usage-log-promise-v1', p.logId, p.org, p.leafHash, p.timestamp].join('\n'), 'utf8');

export async function signWith<T>(value: T, text: (v: T) => Buffer, signer: { keyId: string; sign(data: Buffer): Promise<Buffer> }): Promise<Signed<T>> {
  return { ...value, keyId: signer.keyId, signature: (await signer.sign(text(value))).toString('base64url') };
}

const verifies = (jwk: JsonWebKey, data: Buffer, signature: string) =>
  verify('sha256', data, { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));

/** A receipt: the entry as logged, where it is in the tree, the proof, and the head it is proven against. */
export interface Receipt {
  /** The entry's canonical bytes (base64), whose leaf hash the log holds. */
  entry: string;
  leafIndex: number;
  inclusionProof: string[];
  head: Signed<TreeHead>;
}

/**
 * What a verifier checks offline, from the published key alone: the head's signature, the entry's inclusion in that
 * head, and (given a head the reader kept) that the log only grew since. Answers every problem found, none when it holds.
 */
export function verifyReceipt(args: { receipt: Receipt; keys: { keyId: string; jwk: JsonWebKey }[]; kept?: { head: Signed<TreeHead>; consistencyProof: string[] } }): string[] {
  const { receipt } = args;
  const problems: string[] = [];
  const keyOf = (id: string) => args.keys.find((k) => k.keyId === id)?.jwk;
  const headKey = keyOf(receipt.head.keyId);
  if (!headKey) problems.push(`the head is signed by ${receipt.head.keyId}, not a published key`);
  else if (!verifies(headKey, treeHeadText(receipt.head), receipt.head.signature)) problems.push('the head’s signature does not verify');
  const leaf = leafHash(Buffer.from(receipt.entry, 'base64'));
  const proven = verifyInclusion({
    leafIndex: receipt.leafIndex,
    treeSize: receipt.head.treeSize,
    leaf,
    path: receipt.inclusionProof.map((h) => Buffer.from(h, 'hex')),
    root: Buffer.from(receipt.head.rootHash, 'hex'),
  });
  if (!proven) problems.push(`the entry is not proven at ${receipt.leafIndex} in the head of ${receipt.head.treeSize}`);
  if (args.kept) {
    const { head: old, consistencyProof } = args.kept;
    const oldKey = keyOf(old.keyId);
    if (!oldKey || !verifies(oldKey, treeHeadText(old), old.signature)) problems.push('the kept head’s signature does not verify');
    if (old.org !== receipt.head.org || old.logId !== receipt.head.logId) problems.push('the kept head is of another log');
    else if (old.treeSize === receipt.head.treeSize ? old.rootHash !== receipt.head.rootHash : false) problems.push('two heads of one size with different roots: the log forked');
    else if (
      old.treeSize <= receipt.head.treeSize &&
      !verifyConsistency({ first: old.treeSize, second: receipt.head.treeSize, firstRoot: Buffer.from(old.rootHash, 'hex'), secondRoot: Buffer.from(receipt.head.rootHash, 'hex'), path: consistencyProof.map((h) => Buffer.from(h, 'hex')) })
    )
      problems.push(`the head of ${receipt.head.treeSize} does not extend the kept head of ${old.treeSize}`);
  }
  return problems;
}

/** A promise's signature, for the department that holds it until the entry is in a head. */
export function verifyPromise(p: Signed<InclusionPromise>, jwk: JsonWebKey): boolean {
  return verifies(jwk, promiseText(p), p.signature);
}

export const hex = (h: Hash): string => h.toString('hex');
