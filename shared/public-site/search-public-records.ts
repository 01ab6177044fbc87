import type { z } from 'zod';
import type { publicSearchBody, searchPublicRecordsQuery } from './api.ts';
import { accessPolicy, presentPublicRecord, publicSubjectOf, readSubject } from '../records/port.ts';
import { localDate, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { parseSubjectId } from '../subjects/subject-id.ts';
import { subjectsNamed } from './public-site-store.ts';
import { normaliseName } from '../subjects/subject-names.ts';

type Query = z.output<typeof searchPublicRecordsQuery>;
type Answer = z.output<typeof publicSearchBody>;

/** A whole code (USCC or resident ID number) as typed, or undefined for anything else (then it is a name). */
function asCode(q: string) {
  try {
    return parseSubjectId(q);
  } catch {
    return undefined;
  }
}

/**
 * GET /public/records?q=: the public records of the subject with that code, or of organisations whose name
 * starts with `q` (whole, or without its leading place names). Only records the public may see (in force,
 * in their publicity period: accessPolicy.seeRecord with no caller); a subject with none is not listed, so
 * the answer never tells whether the platform holds anything else about it. Persons are found only by
 * their whole ID number, and shown with the number and the name masked.
 */
export async function searchPublicRecords(args: { query: Query; county: CountyConfig; now: Date }): Promise<Answer> {
  const { q, kind, limit } = args.query;
  const today = localDate(args.now, args.county.timeZone);
  const code = asCode(q);
  if (code) {
    const subjectKey = await subjectKeyOf(code);
    const found = await publicSubject(subjectKey, today, kind);
    const id = code.type === 'residentId' ? maskResidentId(code.id) : code.id;
    return { q: code.type === 'residentId' ? id : q, match: 'code', subjects: found ? [{ ...found, subject: { ...found.subject, id } }] : [], truncated: false };
  }
  const name = normaliseName(q);
  if (name.length === 0) throw validationFailed('query.q', 'must hold letters, digits or characters of a name, not only punctuation');
  const { subjectIds, more } = await subjectsNamed(name, limit);
  const subjects = (await Promise.all(subjectIds.map((id) => publicSubject(id, today, kind)))).filter((s) => s !== undefined);
  return { q, match: 'name', subjects, truncated: more };
}

async function publicSubject(subjectKey: string, today: IsoDate, kind: Query['kind']) {
  const { records } = await readSubject(subjectKey);
  const visible = records
    .filter((r) => accessPolicy.seeRecord(undefined, r, today) && (kind === undefined || r.kind === kind))
    .sort((a, b) => b.decisionDate.localeCompare(a.decisionDate) || a.recordId.localeCompare(b.recordId));
  if (visible.length === 0) return undefined;
  const presented = await Promise.all(visible.map((r) => presentPublicRecord(r, today)));
  return { subject: publicSubjectOf(visible, presented[0]!.subject.id)!, records: presented };
}
