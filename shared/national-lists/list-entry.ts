import { createHash } from 'node:crypto';
import { parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { NationalListSource } from '../config/national-list-settings.ts';
import { canonicalJson } from '../storage/canonical-json.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';
import type { EntryField } from './source-formats.ts';

/**
 * An entry of a national list and its states, as the platform keeps them (docs/exchange.md, "Inbound"). Pure.
 *
 * An entry is one listing of one subject: a case of the SPC's list (the subject and its 案号), a tax authority's
 * listing, a procurement ban, a market regulator's listing (the subject and the columns that identify it,
 * source-formats.ts `key`). Each import that changes an entry writes a new state of it (`seq`, the import's place
 * in its source's history): listed (with its content), removed, repaired. States are never overwritten.
 */
export type EntryState = 'listed' | 'removed' | 'repaired';

/** The subject of an entry as kept: its key (a USCC, or a person key), how it is shown (a person's number masked), its name. */
export interface EntrySubject {
  key: string;
  type: SubjectIdType;
  maskedId: string;
  name: string;
}

/** One state of an entry (the item in its subject's partition). */
export interface EntryStateItem {
  source: NationalListSource;
  entryId: string;
  /** The import's place in its source's history; the item counts once that import is committed. */
  seq: number;
  importId: string;
  state: EntryState;
  /** 数据日期 of the list that set this state. */
  listDate: IsoDate;
  subject: EntrySubject;
  /** The entry's columns as published (free text with ID numbers masked; the subject's code and name are in `subject`). */
  fields: Partial<Record<EntryField, string>>;
  /** Of `subject.name` and `fields`: an unchanged entry in a new full list writes nothing. */
  contentHash: string;
  /** The row of the file that set this state (a removal by absence from a full list: none). */
  row?: number;
}

/** The id of an entry: a digest of its source, its subject's key and its identifying columns (no ID number in it). */
export function entryIdOf(source: NationalListSource, subjectKey: string, keyValues: readonly string[]): string {
  return createHash('sha256').update([source, subjectKey, ...keyValues].join('\u0000'), 'utf8').digest('base64url').slice(0, 22);
}

export const contentHashOf = (subjectName: string, fields: EntryStateItem['fields']): string =>
  createHash('sha256').update(canonicalJson({ subjectName, fields }), 'utf8').digest('hex');

/** How checks and the measures see an entry: as a record of the kind the county reads the list as. */
export const entryRecordId = (entryId: string): string => `nl_${entryId}`;

/** The days from one county-local day to a later one (0 on the same day). */
export function daysFrom(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
