import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import type { StoredNotice } from './notice-store.ts';

/**
 * A public notice (通报) as anyone reads it (`GET /public/notices`, the public site): what it is about,
 * its words and its day, and the last day it is listed. Not its key (`about`: the item a notice is
 * unique for, e.g. a report id), nor its delivery state. Its text is what its builder wrote for the
 * public (no credit code of a subject, no ID number, no report number, nothing about a record out of
 * publicity); resident ID numbers are masked once more here.
 */
export interface PublicNotice {
  kind: string;
  /** The department or agency the notice is about. */
  addressee: string;
  title: string;
  text: string;
  date: IsoDate;
  publishedAt: string;
  /** The last day it is listed: `notices.publicListingDays` of the county file, counted from its day. */
  listedUntil: IsoDate;
}

/** The last day a public notice of `date` is listed (its own day is the first). */
export const listedUntil = (date: IsoDate, county: CountyConfig): IsoDate => addDays(date, county.notices.publicListingDays.days - 1);

/** The one public projection of a notice. */
export function publicNotice(n: StoredNotice, county: CountyConfig): PublicNotice {
  return {
    kind: n.kind,
    addressee: maskResidentIdsIn(n.addressee),
    title: maskResidentIdsIn(n.title),
    text: maskResidentIdsIn(n.text),
    date: n.date,
    publishedAt: n.publishedAt,
    listedUntil: listedUntil(n.date, county),
  };
}

/**
 * The days of a requested range whose notices are still listed on `today`: from the first day still
 * within the listing period, to today (a notice dated later, published by a scan run as of a later day,
 * is not listed yet). Undefined when no day of the range is. The public index sorts by day, so this is
 * the key range read: notices past their period are never read.
 */
export function publicListingRange(range: { from: IsoDate; to: IsoDate }, today: IsoDate, county: CountyConfig): { from: IsoDate; to: IsoDate } | undefined {
  const firstListed = addDays(today, -(county.notices.publicListingDays.days - 1));
  const from = range.from > firstListed ? range.from : firstListed;
  const to = range.to < today ? range.to : today;
  return from <= to ? { from, to } : undefined;
}
