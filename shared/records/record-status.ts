import type { IsoDate } from '../calendar/dates.ts';

/**
 * What happened to a record: pushed (`active`), contested (`underObjection`, while the provider answers),
 * replaced by a corrected version (`corrected`), withdrawn as wrong (`revoked`), or taken out of
 * publicity after credit repair (`repaired`).
 */
export const recordLifecycles = ['active', 'underObjection', 'corrected', 'revoked', 'repaired'] as const;
export type RecordLifecycle = (typeof recordLifecycles)[number];

/** The lifecycle as of a day: an active or corrected record whose publicity period has ended is `expired`. */
export type RecordStatus = RecordLifecycle | 'expired';

/**
 * The status on `today` (county-local). `publicUntil` is the last day of publicity (inclusive), null for
 * no end. A record under objection does not expire meanwhile: the objection is answered first.
 */
export function recordStatus(record: { lifecycle: RecordLifecycle; publicUntil: IsoDate | null }, today: IsoDate): RecordStatus {
  const ended = record.publicUntil !== null && record.publicUntil < today;
  if (ended && (record.lifecycle === 'active' || record.lifecycle === 'corrected')) return 'expired';
  return record.lifecycle;
}

/** Records that still count in a credit check (a check still shows one under objection; its punishments are suspended elsewhere). */
export const isInForce = (status: RecordStatus): boolean =>
  status === 'active' || status === 'underObjection' || status === 'corrected';

/**
 * Whether the public may see the record on `today`: in force, and its publicity has begun. A record
 * under objection stays visible (marked as contested by whoever shows it) until the objection is decided.
 */
export const isPublic = (status: RecordStatus, publicFrom: IsoDate, today: IsoDate): boolean =>
  isInForce(status) && publicFrom <= today;

/** A stored record's status on `today`. */
export const statusOf = (record: { lifecycle: RecordLifecycle; publicity: { publicUntil: IsoDate | null } }, today: IsoDate): RecordStatus =>
  recordStatus({ lifecycle: record.lifecycle, publicUntil: record.publicity.publicUntil }, today);
