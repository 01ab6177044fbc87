import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyRanges, inclusionRanges, integrate, leafHash, proofFrom, type Hash, type Subtree } from '../../shared/usage-log/merkle-tree.ts';
import { verifyReceiptFiles } from '../../local/cli/verify-receipt.ts';
import { hex, promiseText, signWith, treeHeadText, verifyPromise, verifyReceipt, type Receipt, type TreeHead } from '../../shared/usage-log/tree-head.ts';

/** A receipt verified offline from the published key alone (issue 19 §3, §4): the head, the inclusion, a kept head. */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = { keyId: 'log-key-1', sign: async (data: Buffer) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }) };
const keys = [{ keyId: 'log-key-1', jwk: publicKey.export({ format: 'jwk' }) }];

const entries = Array.from({ length: 21 }, (_, i) => Buffer.from(JSON.stringify({ checkId: `chk_${i}`, matter: `M-${i}` })));
function logOf(data: Buffer[]) {
  const step = integrate({ size: 0, hashes: [] }, data.map(leafHash));
  const nodes = new Map(step.nodes.map((n) => [`${n.subtree.level}/${n.subtree.index}`, n.hash]));
  return { root: step.root, hashOf: (t: Subtree): Hash => nodes.get(`${t.level}/${t.index}`)! };
}
const headOf = (size: number, root: Hash): TreeHead => ({ logId: 'jiaxian-usage', org: 'dept-finance', treeSize: size, rootHash: hex(root), timestamp: '2026-12-07T01:00:00.000Z' });

async function receiptFor(index: number, size: number, data = entries): Promise<Receipt> {
  const log = logOf(data.slice(0, size));
  return { entry: data[index]!.toString('base64'), leafIndex: index, inclusionProof: proofFrom(inclusionRanges(index, size), log.hashOf).map(hex), head: await signWith(headOf(size, log.root), treeHeadText, signer) };
}

describe('a receipt, verified offline', () => {
  it('holds: the head is signed by the published key and the entry is in it', async () => {
    expect(verifyReceipt({ receipt: await receiptFor(7, 21), keys })).toEqual([]);
  });

  it('an edited entry, an edited head, an unknown key are found', async () => {
    const receipt = await receiptFor(7, 21);
    expect(verifyReceipt({ receipt: { ...receipt, entry: Buffer.from('{"checkId":"chk_7","matter":"edited"}').toString('base64') }, keys })).toEqual(['the entry is not proven at 7 in the head of 21']);
    expect(verifyReceipt({ receipt: { ...receipt, head: { ...receipt.head, treeSize: 22 } }, keys })[0]).toBe('the head’s signature does not verify');
    expect(verifyReceipt({ receipt: { ...receipt, head: { ...receipt.head, keyId: 'other' } }, keys })).toEqual(['the head is signed by other, not a published key']);
  });

  it('with a kept head: the log only grew; a deleted or reordered entry, or a fork, is found', async () => {
    const receipt = await receiptFor(3, 21);
    const log = logOf(entries);
    const kept = { head: await signWith(headOf(13, logOf(entries.slice(0, 13)).root), treeHeadText, signer), consistencyProof: proofFrom(consistencyRanges(13, 21), log.hashOf).map(hex) };
    expect(verifyReceipt({ receipt, keys, kept })).toEqual([]);
    // The operator deletes entry 5 and serves a head of the rest: not consistent with what the reader kept.
    const deleted = [...entries.slice(0, 5), ...entries.slice(6)];
    const rewritten = await receiptFor(3, 20, deleted);
    const afterDeletion = logOf(deleted);
    expect(verifyReceipt({ receipt: rewritten, keys, kept: { ...kept, consistencyProof: proofFrom(consistencyRanges(13, 20), afterDeletion.hashOf).map(hex) } })).toEqual(['the head of 20 does not extend the kept head of 13']);
    const reordered = [...entries];
    [reordered[1], reordered[2]] = [reordered[2]!, reordered[1]!];
    const afterReorder = logOf(reordered);
    expect(verifyReceipt({ receipt: await receiptFor(3, 21, reordered), keys, kept: { ...kept, consistencyProof: proofFrom(consistencyRanges(13, 21), afterReorder.hashOf).map(hex) } })).toEqual(['the head of 21 does not extend the kept head of 13']);
    // A fork: two signed heads of one size with different roots.
    const fork = await signWith(headOf(21, logOf(reordered).root), treeHeadText, signer);
    expect(verifyReceipt({ receipt, keys, kept: { head: fork, consistencyProof: [] } })).toEqual(['two heads of one size with different roots: the log forked']);
  });

  it('a promise of inclusion verifies, and cannot pass for a head', async () => {
    const promise = await signWith({ logId: 'jiaxian-usage', org: 'dept-finance', leafHash: hex(leafHash(entries[0]!)), timestamp: '2026-12-07T01:00:00.000Z' }, promiseText, signer);
    expect(verifyPromise(promise, keys[0]!.jwk)).toBe(true);
    expect(verifyPromise({ ...promise, leafHash: hex(leafHash(entries[1]!)) }, keys[0]!.jwk)).toBe(false);
    expect(promiseText(promise).toString().split('\n')[0]).not.toBe(treeHeadText(headOf(1, leafHash(entries[0]!))).toString().split('\n')[0]);
  });

  it('the CLI reads a receipt and the JWKS from files', async () => {
    const receipt = await receiptFor(7, 21);
    const files: Record<string, string> = { 'receipt.json': JSON.stringify(receipt), 'jwks.json': JSON.stringify({ keys: keys.map((k) => ({ ...k.jwk, kid: k.keyId })) }) };
    expect(verifyReceiptFiles({ receipt: 'receipt.json', keys: 'jwks.json' }, (f) => files[f]!)).toEqual([]);
    files['receipt.json'] = JSON.stringify({ ...receipt, leafIndex: 8 });
    expect(verifyReceiptFiles({ receipt: 'receipt.json', keys: 'jwks.json' }, (f) => files[f]!)).toEqual(['the entry is not proven at 8 in the head of 21']);
  });
});

