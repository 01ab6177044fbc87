import { describe, expect, it } from 'vitest';
import {
  completedBy,
  consistencyRanges,
  foldRange,
  integrate,
  inclusionRanges,
  leafHash,
  nodeHash,
  proofFrom,
  rangeSubtrees,
  rootOfLeaves,
  rootRange,
  splitPoint,
  subtreesOf,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type Subtree,
} from '../../shared/usage-log/merkle-tree.ts';

/** RFC 9162 §2.1: the tree, its proofs and their checks, against the RFC's recursive definitions written out directly. */
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

/** PATH(m, D[n]) and PROOF(m, D[n]) exactly as the RFC writes them, over whole leaf lists. */
function refPath(m: number, d: Hash[]): Hash[] {
  if (d.length <= 1) return [];
  const k = splitPoint(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), rootOfLeaves(d.slice(k))] : [...refPath(m - k, d.slice(k)), rootOfLeaves(d.slice(0, k))];
}
function refSubproof(m: number, d: Hash[], b: boolean): Hash[] {
  if (m === d.length) return b ? [] : [rootOfLeaves(d)];
  const k = splitPoint(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), rootOfLeaves(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), rootOfLeaves(d.slice(0, k))];
}

/** The complete subtrees of a leaf list, as a store holds them. */
const storeOf = (d: Hash[]) => {
  const nodes = new Map<string, Hash>();
  const hashOf = (t: Subtree): Hash => {
    const key = `${t.level}/${t.index}`;
    const found = nodes.get(key);
    if (found) return found;
    const h = t.level === 0 ? d[t.index]! : nodeHash(hashOf({ level: t.level - 1, index: 2 * t.index }), hashOf({ level: t.level - 1, index: 2 * t.index + 1 }));
    nodes.set(key, h);
    return h;
  };
  return hashOf;
};

describe('the Merkle tree of RFC 9162', () => {
  it('hashes as the RFC and Certificate Transparency do (their test vector of 8 leaves)', () => {
    const vector = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
    expect(rootOfLeaves(vector.slice(0, 1)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(rootOfLeaves(vector).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('a root and every proof from the complete subtrees equal the recursive definitions, for every size to 70', () => {
    for (let n = 1; n <= 70; n += 1) {
      const d = leaves(n);
      const hashOf = storeOf(d);
      const root = foldRange(rootRange(n).map(hashOf));
      expect(root.equals(rootOfLeaves(d))).toBe(true);
      for (let m = 0; m < n; m += 1) {
        const path = proofFrom(inclusionRanges(m, n), hashOf);
        expect(path.map((h) => h.toString('hex'))).toEqual(refPath(m, d).map((h) => h.toString('hex')));
        expect(verifyInclusion({ leafIndex: m, treeSize: n, leaf: d[m]!, path, root })).toBe(true);
      }
      for (let m = 1; m <= n; m += 1) {
        const path = proofFrom(consistencyRanges(m, n), hashOf);
        expect(path.map((h) => h.toString('hex'))).toEqual(refSubproof(m, d, true).map((h) => h.toString('hex')));
        expect(verifyConsistency({ first: m, second: n, firstRoot: rootOfLeaves(d.slice(0, m)), secondRoot: root, path })).toBe(true);
      }
    }
  });

  it('a proof reads at most 2·log2(n) complete subtrees', () => {
    for (const n of [1_000, 1_000_000, 1_048_577, 999_999_937]) {
      const bound = 2 * Math.ceil(Math.log2(n));
      for (const m of [0, 1, n >> 1, n - 2, n - 1]) expect(subtreesOf(inclusionRanges(m, n)).length).toBeLessThanOrEqual(bound);
      for (const m of [1, 7, n >> 1, n - 1]) expect(subtreesOf(consistencyRanges(m, n)).length).toBeLessThanOrEqual(bound);
    }
  });

  it('a changed leaf, another index, another size, a reordered or forked tree does not verify', () => {
    const d = leaves(13);
    const hashOf = storeOf(d);
    const root = rootOfLeaves(d);
    const path = proofFrom(inclusionRanges(5, 13), hashOf);
    expect(verifyInclusion({ leafIndex: 5, treeSize: 13, leaf: leafHash(Buffer.from('entry 5 edited')), path, root })).toBe(false);
    expect(verifyInclusion({ leafIndex: 6, treeSize: 13, leaf: d[5]!, path, root })).toBe(false);
    expect(verifyInclusion({ leafIndex: 5, treeSize: 13, leaf: d[5]!, path: path.slice(0, -1), root })).toBe(false);
    const swapped = [...d];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    expect(verifyInclusion({ leafIndex: 5, treeSize: 13, leaf: d[5]!, path, root: rootOfLeaves(swapped) })).toBe(false);
    // A fork: two heads of size 9 with different roots cannot both be consistent with the same head of 13.
    const forked = [...d.slice(0, 8), leafHash(Buffer.from('another entry 8'))];
    const consistency = proofFrom(consistencyRanges(9, 13), hashOf);
    expect(verifyConsistency({ first: 9, second: 13, firstRoot: rootOfLeaves(d.slice(0, 9)), secondRoot: root, path: consistency })).toBe(true);
    expect(verifyConsistency({ first: 9, second: 13, firstRoot: rootOfLeaves(forked), secondRoot: root, path: consistency })).toBe(false);
  });

  it('a batch of leaves completes each subtree once, children before parents', () => {
    const seen = new Set<string>();
    for (const [size, added] of [[0, 1], [1, 2], [3, 5], [8, 8], [16, 17], [33, 100]] as const)
      for (const t of completedBy(size, added)) {
        const key = `${t.level}/${t.index}`;
        expect(seen.has(key)).toBe(false);
        if (t.level > 0) expect(seen.has(`${t.level - 1}/${2 * t.index + 1}`)).toBe(true);
        seen.add(key);
      }
    expect(rangeSubtrees(0, 133).map((t) => `${t.level}/${t.index}`).every((k) => seen.has(k))).toBe(true);
  });

  it('integrating batches from the frontier alone gives the root and the subtrees of the whole tree', () => {
    const d = leaves(300);
    const hashOf = storeOf(d);
    let frontier = { size: 0, hashes: [] as Hash[] };
    const written = new Map<string, Hash>();
    for (const batch of [1, 2, 5, 8, 16, 31, 64, 1, 100, 72]) {
      const start = frontier.size;
      const step = integrate(frontier, d.slice(start, start + batch));
      for (const n of step.nodes) written.set(`${n.subtree.level}/${n.subtree.index}`, n.hash);
      frontier = step.frontier;
      expect(step.root.equals(rootOfLeaves(d.slice(0, frontier.size)))).toBe(true);
      expect(step.nodes.map((n) => `${n.subtree.level}/${n.subtree.index}`)).toEqual(completedBy(start, batch).map((t) => `${t.level}/${t.index}`));
    }
    expect(frontier.size).toBe(300);
    for (const [key, hash] of written) {
      const [level, index] = key.split('/').map(Number);
      expect(hash.equals(hashOf({ level: level!, index: index! }))).toBe(true);
    }
  });
});

