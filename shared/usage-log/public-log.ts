import type { CountyConfig } from '../config/county-config.ts';
import { notFound, validationFailed } from '../errors/domain-errors.ts';
import { listLogOrgs, listSignedHeads, proveConsistency } from './log-store.ts';
import { logIdOf } from './log-entry.ts';
import type { PublishedKey } from './log-signer.ts';

/**
 * What anyone may read of the usage logs (docs/usage-log.md): the key heads are signed with, each organisation's
 * signed heads (its size, root and time: nothing of the entries), and consistency proofs between two of them. A
 * department, a subject or an auditor keeps heads; a later head that does not extend a kept one is a fork.
 */
export async function listLogs(args: { county: CountyConfig; key: PublishedKey }) {
  const orgs = await listLogOrgs();
  const logs = await Promise.all(orgs.map(async (org) => ({ org, head: (await listSignedHeads(org, 1))[0] ?? null })));
  return { logId: logIdOf(args.county.id), headMinutes: args.county.usageLog.headMinutes, keys: [args.key], logs };
}

export async function listHeads(args: { org: string; limit: number; before?: number }) {
  // An organisation without a log (yet) has no heads: an empty list, like any list with nothing in it.
  const heads = await listSignedHeads(args.org, args.limit, args.before);
  const last = heads.at(-1);
  return { org: args.org, heads, ...(heads.length === args.limit && last ? { nextBefore: last.treeSize } : {}) };
}

/**
 * The proof that the tree of size `second` extends the tree of size `first` (RFC 9162 §2.1.4), for any sizes up to the
 * latest signed head's, as Certificate Transparency's get-sth-consistency: the reader holds the two heads' roots.
 */
export async function consistencyBetween(args: { org: string; first: number; second: number }) {
  if (args.first > args.second) throw validationFailed('query.first', 'must not be greater than second');
  const [latest] = await listSignedHeads(args.org, 1);
  if (!latest || latest.treeSize < args.second) throw notFound(`${args.org}'s log has no signed head of size ${args.second} or more`);
  const proof = args.first === 0 || args.first === args.second ? [] : (await proveConsistency(args.org, args.first, args.second)).map((h) => h.toString('hex'));
  return { org: args.org, first: args.first, second: args.second, consistencyProof: proof };
}
