/**
 * What the records capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { accessPolicy, isPublicRecord } from './access-policy.ts';
export { publicRecordBody, subjectParams } from './api.ts';
export { presentPublicRecord, publicSubjectOf, type PublicRecord } from './present-public-record.ts';
export { presentRecord } from './present-record.ts';
export { clearInput, protectInput } from './protected-input.ts';
export type { PublicationDeadline } from './publication-deadline.ts';
export { publicityEndsOn } from './publicity.ts';
export { recordDateProblems } from './record-dates.ts';
export { recordInput, type RecordInput } from './record-input.ts';
export type { Withheld } from './non-publication.ts';
export { isInForce, isPublic, statusOf, type RecordStatus } from './record-status.ts';
export { isCrisisRecord } from './crisis-record.ts';
export { allVersions, correctionItems, latestVersion, newRecordItems, readSubject } from './record-store.ts';
export { buildRecordVersion, firstReceipt, keepFirstReceipt, type StoredRecord } from './stored-record.ts';
export { storeImportedRecords, type ImportedRecord } from './import-records.ts';
export { nationalColumns, templateColumns, rowToRecord, recordToRow, columnOf, type NationalColumn, type NationalKind, type RowProblem as NationalRowProblem } from './national-fields.ts';
export { pushRecords, type PushResult } from './push-records.ts';
export { changesOfRecord, markChangeHandedOn, recordChangeItem, recordChangeKinds, recordsWithPendingChanges, recordVersion, type RecordChange, type RecordChangeKind } from './record-changes.ts';
