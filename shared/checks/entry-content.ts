import { canonicalJson } from '../storage/canonical-json.ts';

/**
 * Fields of a check item that change after the check, or that the log adds, so its logged bytes leave them out;
 * everything else the item holds (less its keys) is covered, including fields added to the check later.
 * - `outcome`, `outcomeRevision`: the department records what it did, and may revise it: each revision is an entry
 *   of its own (`outcomeEntryBytes`).
 * - `corrections`, `correctedByCases`: notices the platform adds when a case later corrects a record the check
 *   showed. Not the department's act, and not logged: they come from the case, whose history is kept with the case.
 * - `log`: the entry's mark in the usage log (its leaf, promise and index), which is computed over the rest.
 * - `chainPosition`: the place of a check logged in the hash chain that preceded the tree.
 */
export const mutableCheckFields = ['outcome', 'outcomeRevision', 'corrections', 'correctedByCases', 'log', 'chainPosition'] as const;

/** The check as its department's usage log holds it: the item less its keys (`withoutKeys`) and less `mutableCheckFields`. */
export function checkEntryBytes(content: Record<string, unknown>): Buffer {
  const fixed = Object.fromEntries(Object.entries(content).filter(([k]) => !(mutableCheckFields as readonly string[]).includes(k)));
  return Buffer.from(canonicalJson({ entry: 'check-v1', check: fixed }), 'utf8');
}

/** One revision of a check's outcome as the log holds it: which check, which revision, the outcome. */
export function outcomeEntryBytes(checkId: string, revision: number, outcome: unknown): Buffer {
  return Buffer.from(canonicalJson({ entry: 'outcome-v1', checkId, revision, outcome: outcome ?? null }), 'utf8');
}

/** The entry id of a check in its log, and of each revision of its outcome. */
export const checkEntryId = (checkId: string): string => checkId;
export const outcomeEntryId = (checkId: string, revision: number): string => `${checkId}#outcome#${revision}`;
