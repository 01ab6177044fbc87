import { createHash } from 'node:crypto';
import { canonicalJson } from '../storage/canonical-json.ts';

/**
 * Fields of a check item that change after the check, so its content hash leaves them out; everything
 * else the item holds (less its keys) is covered, including fields added to the check later.
 * - `outcome`, `outcomeRevision`: the department records what it did, and may revise it: each revision
 *   is a link of its own (`outcomeContentHash`).
 * - `corrections`, `correctedByCases`: notices the platform adds when a case later corrects a record the
 *   check showed. Not the department's act, and not chained: they come from the case, whose history is
 *   kept with the case and the notice; chaining them would put the platform's writes in the department's log.
 */
export const mutableCheckFields = ['outcome', 'outcomeRevision', 'corrections', 'correctedByCases'] as const;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export { canonicalJson };

/** The hash of a check as logged: the item less its keys (`withoutKeys`) and less `mutableCheckFields`. */
export function checkContentHash(content: Record<string, unknown>): string {
  const fixed = Object.fromEntries(Object.entries(content).filter(([k]) => !(mutableCheckFields as readonly string[]).includes(k)));
  return sha256Hex(canonicalJson(fixed));
}

/** The hash of one revision of a check's outcome: the outcome object and its revision number. */
export function outcomeContentHash(outcome: unknown, outcomeRevision: unknown): string {
  return sha256Hex(canonicalJson({ outcome: outcome ?? null, outcomeRevision: outcomeRevision ?? null }));
}
