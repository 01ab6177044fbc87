import { genesisHash, linkHash, type ChainLink } from './chain-link.ts';
import { checkContentHash, outcomeContentHash } from './entry-content.ts';

export type ChainProblemKind =
  /** Positions missing between two links: a link was deleted. */
  | 'gap'
  /** A link's hash does not recompute from its own fields: the link was edited. */
  | 'hash-mismatch'
  /** A link does not name the hash of the link before it: the link before was edited and rehashed, or replaced. */
  | 'prev-hash-mismatch'
  /** A check's item no longer hashes to what its link vouches for: the check was edited. */
  | 'content-mismatch'
  /** A link names a check whose item is not in the table: the check was deleted. */
  | 'entry-missing'
  /** A check's outcome is not its last chained revision (edited, removed, or recorded without a link). */
  | 'outcome-mismatch'
  /** A second link logging the same check. */
  | 'duplicate-entry'
  /** A check says it sits at a position of the chain that has no link for it: its link was deleted. */
  | 'link-missing';

export interface ChainProblem {
  /** The position (link sequence number) the problem is at. */
  position: number;
  checkId?: string;
  problem: ChainProblemKind;
  detail: string;
}

export interface ChainVerification {
  verified: boolean;
  /** Links recomputed. */
  entriesChecked: number;
  problems: ChainProblem[];
  /** The last link read, as stored. */
  head: { position: number; hash: string } | null;
}

/**
 * Recomputes an organisation's chain: every link's hash from its fields, each link's `prevHash` against
 * the link before (position 1: the genesis hash), positions without gaps, each logged check's item against
 * its content hash, and each check's outcome against its last outcome link. `links` in position order, as
 * read; `entries` the check items they name, less their keys (`withoutKeys`), by check id (missing: deleted).
 * Deleting the newest links together with their entries cannot show here: a receipt's head, kept by its
 * reader, is what shows a chain that became shorter.
 */
export function verifyChain(links: readonly ChainLink[], entries: ReadonlyMap<string, Record<string, unknown>>): ChainVerification {
  const problems: ChainProblem[] = [];
  const checkLinks = new Map<string, ChainLink>();
  const firstOutcomeLinks = new Map<string, ChainLink>();
  const lastOutcomeLinks = new Map<string, ChainLink>();
  let previous: ChainLink | undefined;
  let lastSeq = 0;

  for (const link of links) {
    const expected = lastSeq + 1;
    if (link.seq < expected) {
      // Stored after a higher position: its `seq` was edited, which its hash shows (below).
    } else if (link.seq > expected) {
      problems.push({
        position: expected,
        problem: 'gap',
        detail: link.seq - 1 === expected ? `position ${expected} is missing` : `positions ${expected}–${link.seq - 1} are missing`,
      });
    } else if (link.prevHash !== (previous?.hash ?? genesisHash)) {
      problems.push({
        position: link.seq,
        checkId: link.checkId,
        problem: 'prev-hash-mismatch',
        detail: previous ? `does not follow the link at position ${previous.seq}` : 'position 1 does not start from the genesis hash',
      });
    }
    if (linkHash(link) !== link.hash) problems.push({ position: link.seq, checkId: link.checkId, problem: 'hash-mismatch', detail: `the ${link.kind} link does not hash to its stored hash` });

    if (link.kind === 'check') {
      const entry = entries.get(link.checkId);
      if (checkLinks.has(link.checkId)) {
        problems.push({ position: link.seq, checkId: link.checkId, problem: 'duplicate-entry', detail: `the check is already logged at position ${checkLinks.get(link.checkId)!.seq}` });
      } else if (!entry) {
        problems.push({ position: link.seq, checkId: link.checkId, problem: 'entry-missing', detail: 'the check this link logs is not in the usage log' });
      } else if (checkContentHash(entry) !== link.contentHash) {
        problems.push({ position: link.seq, checkId: link.checkId, problem: 'content-mismatch', detail: 'the check differs from the check as logged' });
      }
      if (!checkLinks.has(link.checkId)) checkLinks.set(link.checkId, link);
    } else {
      if (!firstOutcomeLinks.has(link.checkId)) firstOutcomeLinks.set(link.checkId, link);
      lastOutcomeLinks.set(link.checkId, link);
    }
    previous = link;
    lastSeq = Math.max(lastSeq, link.seq);
  }

  // Outcomes: the item must hold the revision its last outcome link vouches for. A check logged in the
  // chain holds no outcome without a link; a check logged before the chain began may hold an older,
  // unchained outcome until its first chained revision.
  for (const [checkId, last] of lastOutcomeLinks) {
    const entry = entries.get(checkId);
    if (!entry) {
      if (!checkLinks.has(checkId)) {
        const first = firstOutcomeLinks.get(checkId)!;
        problems.push({ position: first.seq, checkId, problem: 'entry-missing', detail: 'the check whose outcome this link logs is not in the usage log' });
      }
    } else if (outcomeContentHash(entry.outcome, entry.outcomeRevision) !== last.contentHash) {
      problems.push({
        position: last.seq,
        checkId,
        problem: 'outcome-mismatch',
        detail: `the outcome differs from its last logged revision${entry.outcome == null ? ' (it was removed)' : ''}`,
      });
    }
  }
  for (const [checkId, link] of checkLinks) {
    const entry = entries.get(checkId);
    if (entry && !lastOutcomeLinks.has(checkId) && (entry.outcome != null || entry.outcomeRevision !== undefined))
      problems.push({ position: link.seq, checkId, problem: 'outcome-mismatch', detail: 'the check holds an outcome that was never logged' });
  }

  problems.sort((a, b) => a.position - b.position);
  return { verified: problems.length === 0, entriesChecked: links.length, problems, head: previous ? { position: previous.seq, hash: previous.hash } : null };
}

/**
 * Where a check sits in its organisation's chain: its link, or none (logged before the chain began). A
 * check that carries a position without a link there lost its link (`link-missing`, added to the problems).
 */
export function locateCheck(checkId: string, chainPosition: unknown, links: readonly ChainLink[]): { link: ChainLink | undefined; problem?: ChainProblem } {
  const link = links.find((l) => l.kind === 'check' && l.checkId === checkId);
  if (link || typeof chainPosition !== 'number') return { link };
  return { link, problem: { position: chainPosition, checkId, problem: 'link-missing', detail: `the check was logged at position ${chainPosition}, which has no link for it` } };
}
