import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import type { BulletinContent } from './bulletin-content.ts';

/**
 * A monthly bulletin (月通报) as stored: drafted on the county's draft day for the month before, refreshed and
 * written by the credit office, then published once (its PDF and workbook kept in the reports bucket, the
 * month's scores kept final). `version` counts changes, for conditional writes.
 */
export interface StoredBulletin {
  month: string;
  state: 'draft' | 'published';
  version: number;
  title: string;
  content: BulletinContent;
  draftedAt: string;
  updatedAt: string;
  updatedBy?: string;
  publishedAt?: string;
  publishedOn?: string;
  publishedBy?: string;
  /** Whether the public reads it (the county file's `bulletins.publicSite`, as it said when published). */
  public?: boolean;
  files?: { pdf: string; xlsx: string };
  /** The office's note on publishing (签发说明). */
  publishNote?: string;
  /** The last time the figures were read again, by whom and why. */
  lastRefresh?: { at: string; by: string; note?: string };
}

/** How a bulletin is listed. */
export const bulletinSummary = (b: Pick<StoredBulletin, 'month' | 'state' | 'title' | 'publishedOn' | 'public' | 'version'>) => ({
  month: b.month,
  state: b.state,
  title: b.title,
  version: b.version,
  ...(b.publishedOn ? { publishedOn: b.publishedOn } : {}),
  public: b.public === true,
});

/** The office reads drafts and published bulletins; everyone else signed in, the published ones. */
export const canRead = (caller: Caller, b: Pick<StoredBulletin, 'state'>) => caller.role === 'creditOffice' || b.state === 'published';

/** A month in a path, checked (the route's schema checks its form; this, when called from elsewhere). */
export function bulletinMonth(month: string, field = 'path.month'): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw validationFailed(field, `must be a month written YYYY-MM, got "${month}"`);
  return month;
}
