import { sha256Hex } from './entry-content.ts';

/** What a link vouches for: a check as logged, or one revision of its outcome. */
export type LinkKind = 'check' | 'outcome';

/**
 * One link of an organisation's usage-log chain (`usageKeys.chainLink`). `hash` covers the previous
 * link's hash, the position, the kind, the check and the content hash, so editing, removing or
 * reordering any link, or the entry it names, shows in a recomputation of the chain.
 */
export interface ChainLink {
  seq: number;
  kind: LinkKind;
  checkId: string;
  /** `checkContentHash` of the check item, or `outcomeContentHash` of the outcome revision. */
  contentHash: string;
  prevHash: string;
  hash: string;
  /** When the entry was logged (the check's `checkedAt`, the outcome's `recordedAt`); not hashed: the entry's own time is. */
  at: string;
}

/** The `prevHash` of position 1. */
export const genesisHash = '0'.repeat(64);

export function linkHash(link: Pick<ChainLink, 'prevHash' | 'seq' | 'kind' | 'checkId' | 'contentHash'>): string {
  return sha256Hex(`${link.prevHash}\n${link.seq}\n${link.kind}\n${link.checkId}\n${link.contentHash}`);
}

/** The link after `previous` (after nothing: position 1 on the genesis hash). */
export function nextLink(previous: Pick<ChainLink, 'seq' | 'hash'> | undefined, entry: { kind: LinkKind; checkId: string; contentHash: string; at: string }): ChainLink {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? genesisHash;
  return { seq, kind: entry.kind, checkId: entry.checkId, contentHash: entry.contentHash, prevHash, hash: linkHash({ prevHash, seq, ...entry }), at: entry.at };
}
