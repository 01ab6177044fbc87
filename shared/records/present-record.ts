import type { IsoDate } from '../calendar/dates.ts';
import type { Caller } from '../identity/caller.ts';
import { openResidentId } from '../privacy/personal-ids.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { recordKindLabels } from '../records/record-kinds.ts';
import { isPublic, recordStatus } from '../records/record-status.ts';
import type { StoredRecord } from '../records/stored-record.ts';

/**
 * Who may see a record outside a credit check (the check is its own lawful purpose, see run-check):
 * the credit office sees all; a department the records it provided and what is public; a subject its
 * own; an agency what is public. Resident ID numbers are unmasked only for the owner and the credit office.
 */
export function canSeeRecord(caller: Caller, record: StoredRecord, today: IsoDate): boolean {
  switch (caller.role) {
    case 'creditOffice':
      return true;
    case 'subject':
      return record.subjectId === caller.orgId;
    case 'department':
      return record.providerOrgId === caller.orgId || isPublicRecord(record, today);
    case 'agency':
      return isPublicRecord(record, today);
    case 'institution':
      // Outside a consented query (shared/consents/run-query.ts), a bank or company sees what the public sees.
      return isPublicRecord(record, today);
  }
}

export const seesUnmaskedIds = (caller: Caller | undefined, subjectId: string): boolean =>
  caller?.role === 'creditOffice' || (caller?.role === 'subject' && caller.orgId === subjectId);

export function isPublicRecord(record: StoredRecord, today: IsoDate): boolean {
  return isPublic(statusOf(record, today), record.publicity.publicFrom, today);
}

export const statusOf = (record: StoredRecord, today: IsoDate) =>
  recordStatus({ lifecycle: record.lifecycle, publicUntil: record.publicity.publicUntil }, today);

/**
 * The record as an API answer: status as of today, the resident ID number masked, or opened from its
 * seal when `reveal` (the owner, the credit office: `seesUnmaskedIds`). A record stored before numbers
 * were sealed holds it in clear: masked all the same.
 */
export async function presentRecord(record: StoredRecord, today: IsoDate, reveal: boolean) {
  const stored = record.input.subject.residentId;
  const residentId =
    stored === undefined ? undefined : reveal ? (record.residentIdSealed ? await openResidentId(record.residentIdSealed) : stored) : maskResidentIdsIn(stored);
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
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    receivedAt: record.receivedAt,
    publication: record.publication,
    publicity: record.publicity,
    ...(record.objectionId ? { objectionId: record.objectionId } : {}),
    ...(record.correction ? { correction: record.correction } : {}),
    details: {
      ...record.input,
      subject: { ...record.input.subject, ...(residentId ? { residentId } : {}) },
    },
  };
}
