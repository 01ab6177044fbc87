import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';

/** Days a listing may span: a quarter, so that a page never walks more than that many day partitions. */
export const maxNoticeDays = 92;

const days = {
  date: isoDate.optional().describe('One county-local day (instead of from and to)'),
  from: isoDate.optional().describe('First county-local day; 30 days before `to` by default'),
  to: isoDate.optional().describe('Last county-local day; today by default'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
};

export const listPublicNoticesQuery = z.object(days);

export const listNoticesQuery = z.object({
  ...days,
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'must be a notice kind, e.g. late-publication')
    .max(64)
    .optional()
    .describe('Only notices of this kind'),
  addressee: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Credit office: only notices to this department, agency or subject (`creditOffice` for its own)'),
});

export const noticeBody = z
  .object({
    kind: z.string(),
    about: z.string().describe('The addressee and the period or item the notice is about (unique within its kind)'),
    addressee: z.string().describe('Department or agency org id, subject (a person by the masked ID number) or creditOffice'),
    public: z.boolean(),
    title: z.string(),
    text: z.string(),
    date: isoDate.describe('County-local day of publication'),
    publishedAt: z.string(),
  })
  .meta({ id: 'Notice' });

export const noticeListBody = z.object({
  from: isoDate,
  to: isoDate,
  notices: z.array(noticeBody).describe('Newest first'),
  nextToken: z.string().optional(),
});

/** A public notice as anyone reads it (shared/notices/public-notice.ts): no key, no delivery state. */
export const publicNoticeBody = z
  .object({
    kind: z.string(),
    addressee: z.string().describe('The department or agency the notice is about'),
    title: z.string(),
    text: z.string(),
    date: isoDate.describe('County-local day of publication'),
    publishedAt: z.string(),
    listedUntil: isoDate.describe("Last county-local day it is listed (the county file's notices.publicListingDays)"),
  })
  .meta({ id: 'PublicNotice' });

export const publicNoticeListBody = z.object({
  from: isoDate,
  to: isoDate,
  notices: z.array(publicNoticeBody).describe('Newest first; only those still listed on the day of the request'),
  nextToken: z.string().optional(),
});
