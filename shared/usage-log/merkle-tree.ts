import { createHash } from 'node:crypto';

/**
 * The Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0, §2.1), and its inclusion and consistency
 * proofs, over a tree stored as its complete subtrees. Pure: the hashes of complete subtrees come from a reader the
 * caller gives (a store, or an array in tests), so the same code proves against DynamoDB and checks offline.
 *
 * - leaf hash `HASH(0x00 ‖ d)`, node hash `HASH(0x01 ‖ left ‖ right)`, SHA-256;
 * - `MTH(D[n])`: split at the largest power of two below n, the left part complete;
 * - a complete subtree is `(level, index)`: the 2^level leaves from `index · 2^level`, its hash immutable once whole.
 */
export type Hash = Buffer;

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const emptyRoot = (): Hash => sha256();
export const leafHash = (data: Buffer): Hash => sha256(Buffer.from([0]), data);
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(Buffer.from([1]), left, right);

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A complete subtree: `2^level` leaves from `index · 2^level`. */
export interface Subtree {
  level: number;
  index: number;
}

/**
 * The complete subtrees that make the range [start, end) of a tree, left to right, where `start` is a multiple of the
 * largest power of two not above `end − start` (every range the RFC's recursion reaches is): the binary digits of
 * its size, largest first.
 */
export function rangeSubtrees(start: number, end: number): Subtree[] {
  const out: Subtree[] = [];
  let at = start;
  let remaining = end - start;
  for (let level = Math.floor(Math.log2(Math.max(1, remaining))); remaining > 0; level -= 1) {
    const size = 2 ** level;
    if (remaining >= size) {
      if (at % size !== 0) throw new Error(`range [${start}, ${end}) is not one the tree's recursion reaches`);
      out.push({ level, index: at / size });
      at += size;
      remaining -= size;
    }
  }
  return out;
}

/** MTH of a range from its complete subtrees' hashes (left to right): folded from the right. */
export function foldRange(hashes: readonly Hash[]): Hash {
  if (hashes.length === 0) return emptyRoot();
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i -= 1) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** The ranges (each the MTH of [start, end)) whose hashes make the inclusion proof of leaf m in a tree of n, in proof order. */
export function inclusionRanges(m: number, n: number): [number, number][] {
  if (m < 0 || m >= n) throw new Error(`leaf ${m} is not in a tree of ${n}`);
  const out: [number, number][] = [];
  // PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, iteratively: the path is built leaf-first, so collect and reverse.
  const path: [number, number][] = [];
  let start = 0;
  let end = n;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m - start < k) {
      path.push([start + k, end]);
      end = start + k;
    } else {
      path.push([start, start + k]);
      start += k;
    }
  }
  for (let i = path.length - 1; i >= 0; i -= 1) out.push(path[i]!);
  return out;
}

/** The ranges whose hashes make the consistency proof from a tree of m to a tree of n (RFC 9162 §2.1.4.1), in proof order. */
export function consistencyRanges(m: number, n: number): [number, number][] {
  if (m < 1 || m > n) throw new Error(`no consistency proof from ${m} to ${n}`);
  const out: [number, number][] = [];
  // SUBPROOF(m, D[start:end], b), iteratively; its suffixes are appended after the recursion's, so collect and reverse.
  const suffix: [number, number][] = [];
  let start = 0;
  let end = n;
  let mm = m;
  let b = true;
  for (;;) {
    if (mm === end - start) {
      if (!b) out.push([start, end]);
      break;
    }
    const k = splitPoint(end - start);
    if (mm <= k) {
      suffix.push([start + k, end]);
      end = start + k;
    } else {
      suffix.push([start, start + k]);
      mm -= k;
      start += k;
      b = false;
    }
  }
  for (let i = suffix.length - 1; i >= 0; i -= 1) out.push(suffix[i]!);
  return out;
}

/** Every complete subtree a list of ranges needs, once each (what a store reads: at most 2·log2(n) for a proof). */
export function subtreesOf(ranges: readonly [number, number][]): Subtree[] {
  const seen = new Map<string, Subtree>();
  for (const [s, e] of ranges) for (const t of rangeSubtrees(s, e)) seen.set(`${t.level}/${t.index}`, t);
  return [...seen.values()];
}

/** The proof's hashes, from the subtrees' hashes a store read. */
export function proofFrom(ranges: readonly [number, number][], hashOf: (t: Subtree) => Hash): Hash[] {
  return ranges.map(([s, e]) => foldRange(rangeSubtrees(s, e).map(hashOf)));
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `leafIndex` (with leaf hash `leaf`) in the tree of `treeSize` with `root`? */
export function verifyInclusion(args: { leafIndex: number; treeSize: number; leaf: Hash; path: readonly Hash[]; root: Hash }): boolean {
  if (args.leafIndex < 0 || args.leafIndex >= args.treeSize) return false;
  let fn = args.leafIndex;
  let sn = args.treeSize - 1;
  let r = args.leaf;
  for (const p of args.path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(args.root);
}

/** RFC 9162 §2.1.4.2: does `path` prove the tree of `first` (root `firstRoot`) a prefix of the tree of `second` (root `secondRoot`)? */
export function verifyConsistency(args: { first: number; second: number; firstRoot: Hash; secondRoot: Hash; path: readonly Hash[] }): boolean {
  const { first, second } = args;
  if (first < 1 || first > second) return false;
  if (first === second) return args.path.length === 0 && args.firstRoot.equals(args.secondRoot);
  if (args.path.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [args.firstRoot, ...args.path] : [...args.path];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(args.firstRoot) && sr.equals(args.secondRoot);
}

/** MTH of leaves given whole (the reference the stored tree is tested against). */
export function rootOfLeaves(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyRoot();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(rootOfLeaves(leaves.slice(0, k)), rootOfLeaves(leaves.slice(k)));
}

/**
 * The complete subtrees a tree of `size` leaves gains when it grows to `size + added`: what the sequencer writes with
 * each batch (each new leaf, and every node completed above it), parents after their children.
 */
export function completedBy(size: number, added: number): Subtree[] {
  const out: Subtree[] = [];
  for (let i = size; i < size + added; i += 1) {
    out.push({ level: 0, index: i });
    // Leaf i completes the subtree of 2^l leaves ending at it for each l where (i + 1) is a multiple of 2^l.
    for (let level = 1; (i + 1) % 2 ** level === 0; level += 1) out.push({ level, index: (i + 1) / 2 ** level - 1 });
  }
  return out;
}

/** The root of a tree of `size` from its complete subtrees: the ranges of its binary digits, folded. */
export const rootRange = (size: number): Subtree[] => rangeSubtrees(0, size);

/**
 * The right edge of a tree: the hashes of the complete subtrees that make it (`rangeSubtrees(0, size)`), left to
 * right. Kept with the tree head, it is all the sequencer reads to integrate a batch: each new node's left child is
 * either new or on this edge.
 */
export interface Frontier {
  size: number;
  hashes: Hash[];
}

/**
 * Appends leaves to a tree known by its frontier: every complete subtree the batch completes with its hash (what the
 * sequencer writes), the new frontier and the new root. Pure; O(batch + log n).
 */
export function integrate(frontier: Frontier, leaves: readonly Hash[]): { nodes: { subtree: Subtree; hash: Hash }[]; frontier: Frontier; root: Hash } {
  // The edge as a stack of (level, hash), lowest level last: appending a leaf merges equal levels, as binary addition carries.
  const stack = rangeSubtrees(0, frontier.size).map((t, i) => ({ level: t.level, index: t.index, hash: frontier.hashes[i]! }));
  if (stack.length !== frontier.hashes.length) throw new Error(`a frontier of ${frontier.hashes.length} hashes is not that of a tree of ${frontier.size}`);
  const nodes: { subtree: Subtree; hash: Hash }[] = [];
  let size = frontier.size;
  for (const leaf of leaves) {
    let node = { level: 0, index: size, hash: leaf };
    nodes.push({ subtree: { level: 0, index: size }, hash: leaf });
    while (stack.length && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.push({ subtree: { level: node.level, index: node.index }, hash: node.hash });
    }
    stack.push(node);
    size += 1;
  }
  const hashes = stack.map((s) => s.hash);
  return { nodes, frontier: { size, hashes }, root: foldRange(hashes) };
}
