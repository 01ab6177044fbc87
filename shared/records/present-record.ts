import type { IsoDate } from '../calendar/dates.ts';
import { openResidentId } from '../privacy/personal-ids.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { recordKindLabels } from '../config/record-kinds.ts';
import { statusOf } from './record-status.ts';
import type { StoredRecord } from './stored-record.ts';

/**
 * The record as an API answer: status as of today, the resident ID number masked, or opened from its
 * seal when `reveal` (the owner, the credit office: `accessPolicy.revealIds`). A record stored before numbers
 * were sealed holds it in clear: masked all the same. The legal representative's ID number is shown as
 * stored, masked, to every reader (its seal is opened only to correct the record: shared/records/protected-input.ts).
 */
export async function presentRecord(record: StoredRecord, today: IsoDate, reveal: boolean) {
  if (!reveal) return presentMaskedRecord(record, today);
  const stored = record.input.subject.residentId;
  return recordAnswer(record, today, stored === undefined ? undefined : record.residentIdSealed ? await openResidentId(record.residentIdSealed) : stored);
}

/**
 * The record with the resident ID number masked, for a caller who never sees it whole (the public
 * projection): no seal is opened, so a function that shows only this carries no key code.
 */
export function presentMaskedRecord(record: StoredRecord, today: IsoDate) {
  const stored = record.input.subject.residentId;
  return recordAnswer(record, today, stored === undefined ? undefined : maskResidentIdsIn(stored));
}

function recordAnswer(record: StoredRecord, today: IsoDate, residentId: string | undefined) {
  return {
    recordId: record.recordId,
    version: record.version,
    kind: record.kind,
    kindLabel: recordKindLabels[record.kind],
    status: statusOf(record, today),
    subject: {
      id: record.subjectType === 'residentId' ? residentId! : record.subjectId,
      type: record.subjectType,
      name: record.subjectName,
    },
    providerOrgId: record.providerOrgId,
    ...(record.system ? { system: record.system } : {}),
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    receivedAt: record.receivedAt,
    publication: record.publication,
    publicity: record.publicity,
    ...(record.withheld ? { withheld: record.withheld } : {}),
    ...(record.objectionId ? { objectionId: record.objectionId } : {}),
    ...(record.correction ? { correction: record.correction } : {}),
    details: {
      ...record.input,
      subject: { ...record.input.subject, ...(residentId ? { residentId } : {}) },
    },
  };
}
