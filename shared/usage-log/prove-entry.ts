import { leafHash } from './merkle-tree.ts';
import { listSignedHeads, proveInclusion } from './log-store.ts';
import { verifyPromise, verifyReceipt, type InclusionPromise, type Receipt, type Signed } from './tree-head.ts';
import type { LogMark } from './log-entry.ts';
import type { PublishedKey } from './log-signer.ts';

/**
 * Where an entry stands in its organisation's log, with what proves it:
 * - `included`: in a signed head; the receipt (the entry's bytes, its leaf index, the inclusion proof, the head)
 *   verifies offline from the published key alone (`npm run verify-receipt`, the public site's page);
 * - `pending`: logged with its signed promise, not yet in a signed head (the sequencer runs every minute);
 * - `unlogged`: written before the log was a tree (no mark).
 */
export type EntryProof =
  | { status: 'included'; leafIndex: number; receipt: Receipt }
  | { status: 'pending'; leafIndex?: number; promise: Signed<InclusionPromise> }
  | { status: 'unlogged' };

/**
 * The proof of an entry from its bytes as they read now and the mark it was logged with, and what a verifier finds in
 * it with the platform's own key: bytes that no longer hash to the logged leaf (the entry was edited), a proof that
 * does not reach the head's root (a leaf or subtree edited, deleted or moved), a missing subtree, a bad signature.
 */
export async function proveEntry(args: { mark: LogMark | undefined; bytes: Buffer; key: PublishedKey }): Promise<{ proof: EntryProof; problems: string[] }> {
  const { mark } = args;
  if (!mark) return { proof: { status: 'unlogged' }, problems: [] };
  const problems: string[] = [];
  if (leafHash(args.bytes).toString('hex') !== mark.leaf) problems.push('the entry differs from the entry as logged: its bytes no longer hash to the leaf it was promised as');
  const { kid, alg: _alg, use: _use, ...jwk } = args.key;
  const [head] = await listSignedHeads(mark.org, 1);
  if (mark.index === undefined || !head || head.treeSize <= mark.index) {
    if (mark.promise.keyId !== kid || !verifyPromise(mark.promise, jwk)) problems.push('the promise of inclusion does not verify with the published key');
    return { proof: { status: 'pending', ...(mark.index === undefined ? {} : { leafIndex: mark.index }), promise: mark.promise }, problems };
  }
  let inclusionProof: string[] | undefined;
  try {
    inclusionProof = (await proveInclusion(mark.org, mark.index, head.treeSize)).proof.map((h) => h.toString('hex'));
  } catch (error) {
    problems.push(`the log cannot prove the entry: ${(error as Error).message}`);
  }
  const receipt: Receipt = { entry: args.bytes.toString('base64'), leafIndex: mark.index, inclusionProof: inclusionProof ?? [], head };
  if (inclusionProof) problems.push(...verifyReceipt({ receipt, keys: [{ keyId: kid, jwk }] }));
  return { proof: { status: 'included', leafIndex: mark.index, receipt }, problems: [...new Set(problems)] };
}
