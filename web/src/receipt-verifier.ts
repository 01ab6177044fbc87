import type { Answer } from './call.ts';

/**
 * A usage-log receipt verified in the browser, offline, with WebCrypto alone (docs/usage-log.md): the head's ES256
 * signature with the published key, the entry's inclusion in the head (RFC 9162 §2.1.3.2), and, given a head the
 * reader kept and the consistency proof, that the log only grew since (§2.1.4.2). The same checks as the CLI
 * (`npm run verify-receipt`, shared/usage-log/tree-head.ts), written for the browser, where node:crypto is not. The
 * head and the receipt are typed as the API declares them (shared/usage-log/api.ts).
 */
export type SignedHead = Answer<'list-usage-log-heads'>['heads'][number];
export type WebReceipt = NonNullable<Answer<'get-check-receipt'>['entry']['receipt']>;
export type PublishedJwk = JsonWebKey & { kid: string };

const hexToBytes = (hex: string): Uint8Array<ArrayBuffer> => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const bytesToHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const base64ToBytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=')), (c) => c.charCodeAt(0));

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) joined.set(p, (at += p.length) - p.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}
const node = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(1), left, right);

export const headText = (h: SignedHead): string => ['usage-log-head-v1', h.logId, h.org, String(h.treeSize), h.rootHash, h.timestamp].join('\n');

async function signatureHolds(head: SignedHead, keys: PublishedJwk[]): Promise<boolean> {
  const jwk = keys.find((k) => k.kid === head.keyId);
  if (!jwk) return false;
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ...bare } = jwk;
  const key = await crypto.subtle.importKey('jwk', bare, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, base64ToBytes(head.signature), new TextEncoder().encode(headText(head)));
}

async function inclusionHolds(index: number, size: number, leaf: Uint8Array, path: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else r = await node(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesToHex(r) === bytesToHex(root);
}

async function consistencyHolds(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: Uint8Array[]): Promise<boolean> {
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && bytesToHex(firstRoot) === bytesToHex(secondRoot);
  if (first > second || proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else sr = await node(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return bytesToHex(fr) === bytesToHex(firstRoot) && bytesToHex(sr) === bytesToHex(secondRoot) && sn === 0;
}

/** Every problem found, in words (none: it holds). */
export async function verifyInBrowser(args: { receipt: WebReceipt; keys: PublishedJwk[]; kept?: { head: SignedHead; consistencyProof: string[] } }): Promise<string[]> {
  const { receipt } = args;
  const problems: string[] = [];
  if (!(await signatureHolds(receipt.head, args.keys))) problems.push('树头签名不能用公布的公钥验证');
  const leaf = await sha256(Uint8Array.of(0), base64ToBytes(receipt.entry));
  if (!(await inclusionHolds(receipt.leafIndex, receipt.head.treeSize, leaf, receipt.inclusionProof.map(hexToBytes), hexToBytes(receipt.head.rootHash))))
    problems.push(`该条目不能证明位于规模为 ${receipt.head.treeSize} 的树头第 ${receipt.leafIndex} 位`);
  if (args.kept) {
    const old = args.kept.head;
    if (!(await signatureHolds(old, args.keys))) problems.push('留存树头的签名不能验证');
    if (old.org !== receipt.head.org || old.logId !== receipt.head.logId) problems.push('留存树头属于另一本日志');
    else if (old.treeSize === receipt.head.treeSize && old.rootHash !== receipt.head.rootHash) problems.push('同一规模的两个树头根哈希不同：日志出现分叉');
    else if (old.treeSize <= receipt.head.treeSize && !(await consistencyHolds(old.treeSize, receipt.head.treeSize, hexToBytes(old.rootHash), hexToBytes(receipt.head.rootHash), args.kept.consistencyProof.map(hexToBytes))))
      problems.push(`规模 ${receipt.head.treeSize} 的树头不是留存树头（规模 ${old.treeSize}）的延续`);
  }
  return problems;
}

/** What the entry says, decoded for reading (the receipt carries its canonical JSON). */
export function entryText(receipt: WebReceipt): string {
  return new TextDecoder().decode(base64ToBytes(receipt.entry));
}
