/**
 * What other capabilities may use of the usage log (docs/usage-log.md): the mark an entry is written with (its leaf and
 * signed promise, and the sparse key that queues it for the sequencer), the signer, and the proof of an entry read back.
 * The bytes of an entry are the logging capability's: a check, an outcome revision.
 */
export { logIdOf, markEntry, shardOf, type LogMark } from './log-entry.ts';
export { logSignerFromEnv, type PublishedKey } from './log-signer.ts';
export { proveEntry, type EntryProof } from './prove-entry.ts';
export type { InclusionPromise, Receipt, Signed, TreeHead } from './tree-head.ts';
