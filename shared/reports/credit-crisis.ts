import type { IsoDate } from '../calendar/dates.ts';
import { isCrisisRecord, isInForce, type RecordStatus, type StoredRecord } from '../records/port.ts';

/**
 * A report valid for a year, unless its subject meets a major credit crisis within it (重大信用危机: Jiaxian
 * 000 二(三) "在信用报告有效期内有关社会法人或自然人出现重大信用危机，需重新信用评价的除外", Lianjiang 001 二(三)).
 * No notice says what a crisis is; the platform reads it as dishonesty that the notices punish hardest: a
 * black-list entry, a court's dishonest-debtor listing, or a penalty of the serious grade, decided after the
 * report was issued and in force today. Pure: the check and the credit report compute it from what they read.
 */
export interface CreditCrisis {
  recordId: string;
  kind: StoredRecord['kind'];
  decisionNumber: string;
  decisionDate: IsoDate;
}

/** The first record in force that is a credit crisis and came after the report's issue date; undefined when none. */
export function creditCrisisAfter(report: { issueDate: IsoDate }, records: readonly { record: StoredRecord; status: RecordStatus }[]): CreditCrisis | undefined {
  const crises = records
    .filter(({ record, status }) => isInForce(status) && isCrisisRecord(record) && record.decisionDate > report.issueDate)
    .map(({ record }) => record)
    .sort((a, b) => a.decisionDate.localeCompare(b.decisionDate) || a.recordId.localeCompare(b.recordId));
  const first = crises[0];
  return first ? { recordId: first.recordId, kind: first.kind, decisionNumber: first.decisionNumber, decisionDate: first.decisionDate } : undefined;
}
