import { createHash } from 'node:crypto';
import { leafHash } from './merkle-tree.ts';
import { signWith, promiseText, type InclusionPromise, type Signed } from './tree-head.ts';

/**
 * An entry of an organisation's usage log as its item carries it (`log`): which log, which entry, the leaf hash of its
 * bytes, the signed promise of inclusion given with it, and, once the sequencer integrated it, its leaf index. Pure.
 * The entry's bytes are the logging capability's (a check, an outcome revision): this capability hashes and proves them.
 */
export interface LogMark {
  org: string;
  entryId: string;
  /** Hex of the leaf hash (RFC 9162: SHA-256(0x00 ‖ bytes)). */
  leaf: string;
  promise: Signed<InclusionPromise>;
  /** The entry's leaf index in its organisation's tree, once sequenced. */
  index?: number;
}

/** Shards of the unsequenced index: concurrent entries spread over 16 index partitions. */
export const shardCount = 16;
export const shardOf = (entryId: string): number => createHash('sha256').update(entryId).digest()[0]! % shardCount;

/** A county's usage log's name, in every head and promise it signs. */
export const logIdOf = (countyId: string): string => `usage-log:${countyId}`;

export interface LogSigner {
  keyId: string;
  sign(data: Buffer): Promise<Buffer>;
}

/** The mark an entry is written with: its leaf and the promise, signed now. */
export async function markEntry(args: { countyId: string; org: string; entryId: string; bytes: Buffer; at: string; signer: LogSigner }): Promise<LogMark> {
  const leaf = leafHash(args.bytes).toString('hex');
  const promise = await signWith<InclusionPromise>({ logId: logIdOf(args.countyId), org: args.org, leafHash: leaf, timestamp: args.at }, promiseText, args.signer);
  return { org: args.org, entryId: args.entryId, leaf, promise };
}
