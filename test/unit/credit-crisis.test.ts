import { describe, expect, it } from 'vitest';
import { creditCrisisAfter } from '../../shared/reports/credit-crisis.ts';
import type { RecordStatus, StoredRecord } from '../../shared/records/port.ts';

const record = (id: string, kind: StoredRecord['kind'], decisionDate: string, severity?: string): StoredRecord =>
  ({ recordId: id, kind, decisionNumber: `${id}号`, decisionDate, publicity: severity ? { severity } : {} }) as unknown as StoredRecord;
const inForce = (r: StoredRecord, status: RecordStatus = 'active') => ({ record: r, status });
const report = { issueDate: '2026-03-01' };

describe('a report flagged for re-evaluation on a credit crisis (000 二(三), 001 二(三))', () => {
  it('a black-list entry, a dishonest-debtor listing or a serious penalty after the issue date is a crisis; the earliest is named', () => {
    const crisis = creditCrisisAfter(report, [inForce(record('b', 'dishonestDebtor', '2026-06-01')), inForce(record('a', 'blackList', '2026-05-01')), inForce(record('c', 'penalty', '2026-04-01', 'serious'))]);
    expect(crisis).toEqual({ recordId: 'c', kind: 'penalty', decisionNumber: 'c号', decisionDate: '2026-04-01' });
  });

  it('nothing before or on the issue date, no general penalty, no record no longer in force, no good record is one', () => {
    expect(
      creditCrisisAfter(report, [
        inForce(record('a', 'blackList', '2026-03-01')),
        inForce(record('b', 'blackList', '2026-02-01')),
        inForce(record('c', 'penalty', '2026-05-01', 'general')),
        inForce(record('d', 'dishonestDebtor', '2026-05-01'), 'revoked'),
        inForce(record('e', 'redList', '2026-05-01')),
      ]),
    ).toBeUndefined();
  });
});
