import type { StoredRecord } from './stored-record.ts';

/**
 * A record that is a major credit crisis for its subject (重大信用危机, Jiaxian 000 二(三), Lianjiang 001 二(三)): no
 * notice says what one is; the platform reads it as the dishonesty the notices punish hardest: a black-list entry,
 * a court's dishonest-debtor listing, or a penalty of the serious grade. One rule for the check's flag on a report
 * (shared/reports/credit-crisis.ts) and the index the daily scan reads (`keys.crisisRecordsByDay`).
 */
export const isCrisisRecord = (record: Pick<StoredRecord, 'kind' | 'publicity'>): boolean =>
  record.kind === 'blackList' || record.kind === 'dishonestDebtor' || (record.kind === 'penalty' && (record.publicity as { severity?: string } | undefined)?.severity === 'serious');
