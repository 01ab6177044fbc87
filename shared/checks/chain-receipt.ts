import type { ChainLink } from './chain-link.ts';
import { locateCheck, verifyChain, type ChainProblem } from './verify-chain.ts';

export interface ChainReceipt {
  checkId: string;
  /** The organisation whose chain logs the check: the department that ran it. */
  organisation: string;
  /** `unchained`: logged before its department's chain began (or its link is gone: see the problems). */
  status: 'chained' | 'unchained';
  chain: { position: number; hash: string; prevHash: string; contentHash: string; at: string } | null;
  head: { position: number; hash: string } | null;
  verification: { verified: boolean; entriesChecked: number; problems: ChainProblem[]; verifiedAt: string };
}

/**
 * A check's place in its department's chain and a verification of the whole chain as read: `links` in
 * position order, `entries` the check items they name (and the check itself), less their keys.
 */
export function chainReceipt(args: {
  checkId: string;
  organisation: string;
  links: readonly ChainLink[];
  entries: ReadonlyMap<string, Record<string, unknown>>;
  now: Date;
}): ChainReceipt {
  const verification = verifyChain(args.links, args.entries);
  const located = locateCheck(args.checkId, args.entries.get(args.checkId)?.chainPosition, args.links);
  const problems = located.problem ? [...verification.problems, located.problem].sort((a, b) => a.position - b.position) : verification.problems;
  const link = located.link;
  return {
    checkId: args.checkId,
    organisation: args.organisation,
    status: link ? 'chained' : 'unchained',
    chain: link ? { position: link.seq, hash: link.hash, prevHash: link.prevHash, contentHash: link.contentHash, at: link.at } : null,
    head: verification.head,
    verification: { verified: problems.length === 0, entriesChecked: verification.entriesChecked, problems, verifiedAt: args.now.toISOString() },
  };
}
