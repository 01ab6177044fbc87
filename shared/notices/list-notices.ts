import type { z } from 'zod';
import { maxNoticeDays, type listNoticesQuery, type listPublicNoticesQuery } from './api.ts';
import { addDays, localDate, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { maskResidentIdsIn } from '../privacy/resident-id-mask.ts';
import { queryNotices, type StoredNotice } from './notice-store.ts';
import { publicListingRange, publicNotice } from './public-notice.ts';

/**
 * Listing notices (通报). Every listing is a key-range query of one index partition (docs/access-patterns.md):
 * - `GET /public/notices`: anyone; the county's public notices by date, those still within the county's
 *   listing period on the request's day, in their public projection (public-notice.ts);
 * - `GET /notices`: a department, agency or subject sees the notices addressed to it; the credit office
 *   sees one addressee's (`addressee`), or every notice, day by day, of one kind if asked (`kind`).
 * Newest first, paged with `nextToken`. Text never carries a resident ID number (masked when stored, and
 * again here).
 */

type DaysQuery = { date?: IsoDate; from?: IsoDate; to?: IsoDate };

/** The days a listing covers: one `date`, or `from`..`to` (by default the 30 days up to today), at most a quarter. */
export function noticeDays(query: DaysQuery, today: IsoDate): { from: IsoDate; to: IsoDate } {
  for (const field of ['date', 'from', 'to'] as const) {
    const value = query[field];
    if (value === undefined) continue;
    try {
      parseIsoDate(value);
    } catch {
      throw validationFailed(`query.${field}`, `is not a real date: ${value}`);
    }
  }
  if (query.date !== undefined) {
    if (query.from !== undefined || query.to !== undefined) throw validationFailed('query.date', 'give either date, or from and to, not both');
    return { from: query.date, to: query.date };
  }
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -30);
  if (from > to) throw validationFailed('query.from', 'must not be after query.to');
  if (addDays(from, maxNoticeDays - 1) < to) throw validationFailed('query.from', `the period may span at most ${maxNoticeDays} days`);
  return { from, to };
}

/** Where the next page starts: a key within a day partition (the credit office's all-notices listing) or an index partition. */
interface PageToken {
  day?: IsoDate;
  key?: Record<string, unknown>;
}
const decodeToken = (token: string | undefined): PageToken => decodePageToken<PageToken>(token) ?? {};

/** A notice as `GET /notices` shows it to its addressee (and the credit office). */
export function presentNotice(n: StoredNotice) {
  return {
    kind: n.kind,
    about: maskResidentIdsIn(n.about),
    addressee: maskResidentIdsIn(n.addressee),
    public: n.public ?? false,
    title: maskResidentIdsIn(n.title),
    text: maskResidentIdsIn(n.text),
    date: n.date,
    publishedAt: n.publishedAt,
  };
}

const page = (from: IsoDate, to: IsoDate, notices: StoredNotice[], next?: PageToken) => ({
  from,
  to,
  notices: notices.map(presentNotice),
  ...(next ? { nextToken: encodePageToken(next) } : {}),
});

/**
 * GET /public/notices: the county's public notices of a day or a period, newest first, as the public reads
 * them, only those still listed on the request's day (`now`): the range read is cut to the listing period.
 */
export async function listPublicNotices(args: { query: z.output<typeof listPublicNoticesQuery>; county: CountyConfig; now: Date }) {
  const { county } = args;
  const today = localDate(args.now, county.timeZone);
  const { from, to } = noticeDays(args.query, today);
  const listed = publicListingRange({ from, to }, today, county);
  if (!listed) return { from, to, notices: [] };
  const result = await queryNotices({ of: 'public', ...listed }, args.query.limit, decodeToken(args.query.nextToken).key);
  return {
    from,
    to,
    notices: result.notices.map((n) => publicNotice(n, county)),
    ...(result.lastKey ? { nextToken: encodePageToken({ key: result.lastKey }) } : {}),
  };
}

/** GET /notices: the notices addressed to the caller; the credit office's of anyone. */
export async function listNotices(args: { query: z.output<typeof listNoticesQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { query, caller } = args;
  const { from, to } = noticeDays(query, localDate(args.now, args.county.timeZone));
  const token = decodeToken(query.nextToken);
  // A person's caller.orgId is its person key: the key its notices are indexed under (case-notices.ts).
  const { allowed, of: addressee } = accessPolicy.ownListing(caller, query.addressee);
  if (!allowed) throw validationFailed('query.addressee', 'lists only the notices addressed to the caller');
  if (addressee !== undefined) {
    const result = await queryNotices({ of: 'addressee', addressee, from, to, kind: query.kind }, query.limit, token.key);
    return page(from, to, result.notices, result.lastKey ? { key: result.lastKey } : undefined);
  }
  // The credit office, every notice: the day partitions from `to` back to `from`, as many as fill a page.
  const notices: StoredNotice[] = [];
  let day = token.day ?? to;
  let key = token.key;
  if (day < from || day > to) throw validationFailed('query.nextToken', 'belongs to another period');
  while (notices.length < query.limit) {
    const result = await queryNotices({ of: 'day', date: day, kind: query.kind }, query.limit - notices.length, key);
    notices.push(...result.notices);
    if (result.lastKey) {
      key = result.lastKey;
      continue;
    }
    key = undefined;
    if (day === from) return page(from, to, notices);
    day = addDays(day, -1);
  }
  return page(from, to, notices, { day, ...(key ? { key } : {}) });
}
