import type { CountyConfig } from '../config/county-config.ts';
import { localDate, type IsoDate } from '../calendar/dates.ts';
import type { Caller } from '../identity/caller.ts';
import { notFound } from '../errors/domain-errors.ts';
import { accessPolicy } from './access-policy.ts';
import { presentRecord } from './present-record.ts';
import { presentPublicRecord, publicSubjectOf } from './present-public-record.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { allVersions, latestVersion, readSubject } from './record-store.ts';
import type { StoredRecord } from './stored-record.ts';

/**
 * A record as `caller` may see it (accessPolicy.recordView): as kept, ID numbers whole where `reveal`, for
 * its subject, its provider and the credit office; for anyone else, what the public site shows of it.
 */
const presentFor = (caller: Caller, record: StoredRecord, today: IsoDate, reveal: boolean) =>
  accessPolicy.recordView(caller, record) === 'full' ? presentRecord(record, today, reveal) : presentPublicRecord(record, today);

/** GET /records/{id}: a record the caller may see (else 404, so its existence is not disclosed), optionally with its history. */
export async function readRecord(args: { recordId: string; history: boolean; caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const record = await latestVersion(args.recordId);
  if (!record || !accessPolicy.seeRecord(args.caller, record, today)) throw notFound(`record ${args.recordId}`);
  const unmasked = accessPolicy.revealIds(args.caller, record.subjectId);
  const mayReadHistory = accessPolicy.seeRecordHistory(args.caller, record);
  return {
    record: await presentFor(args.caller, record, today, unmasked),
    ...(args.history && mayReadHistory ? { versions: await Promise.all((await allVersions(args.recordId)).map((v) => presentRecord(v, today, unmasked))) } : {}),
  };
}

/**
 * GET /subjects/{subjectId}/records: the subject's records the caller may see, newest decision first. A
 * caller with no relation to any of them sees the subject as the public site's search by its code does.
 */
export async function readSubjectRecords(args: { subjectId: { type: 'uscc' | 'residentId'; id: string }; caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const subjectKey = await subjectKeyOf(args.subjectId);
  const subject = await readSubject(subjectKey);
  const unmasked = accessPolicy.revealIds(args.caller, subjectKey);
  const visible = subject.records.filter((r) => accessPolicy.seeRecord(args.caller, r, today)).sort((a, b) => b.decisionDate.localeCompare(a.decisionDate));
  const id = args.subjectId.type === 'residentId' && !unmasked ? maskResidentId(args.subjectId.id) : args.subjectId.id;
  const related = visible.some((r) => accessPolicy.recordView(args.caller, r) === 'full');
  return {
    subject: related || visible.length === 0 ? { id, type: args.subjectId.type, name: visible.length ? (subject.profile?.subjectName ?? null) : null } : publicSubjectOf(visible, id)!,
    records: await Promise.all(visible.map((r) => presentFor(args.caller, r, today, unmasked))),
  };
}
