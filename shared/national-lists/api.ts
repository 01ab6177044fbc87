import * as z from 'zod';
import { calendarDate } from '../calendar/date-schema.ts';
import { nationalListKinds, nationalListSources } from '../config/national-list-settings.ts';
import { plainText } from '../http/input-text.ts';
import { subjectIdSchema } from '../subjects/subject-id.ts';

/** The schemas of the national lists' routes (docs/exchange.md, "Inbound"). */

const source = z.enum(nationalListSources).describe('The national list: spc-dishonest-debtors 失信被执行人名单, tax-major-violations 重大税收违法失信主体, procurement-serious-violations 政府采购严重违法失信行为记录名单, market-serious-violations 严重违法失信名单');
const mode = z.enum(['full', 'changes']);
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadNationalListBody = z
  .object({
    source,
    listDate: calendarDate({ notAfterToday: true }).describe('数据日期: the day the file gives the list as of (not after today, not before the list applied last)'),
    mode: mode.describe('full: the whole list as published for the county (entries not in it are removed); changes: rows with 状态 新增/纳入, 移出, 信用修复'),
    fileName: plainText(z.string().trim().min(1).max(200)).describe('.xlsx, or .csv in UTF-8 or GB18030'),
    content: z
      .string()
      .min(1)
      .max(5_000_000)
      .refine((value) => base64.test(value), 'must be the file, base64')
      .describe('The file, base64 (at most about 3.7 MB of file: see docs/exchange.md)'),
  })
  .strict();

const summary = z.object({
  rows: z.number().int(),
  added: z.number().int().describe('Entries listed that the list did not hold'),
  changed: z.number().int().describe('Entries listed again with other content'),
  unchanged: z.number().int(),
  removed: z.number().int().describe('Entries removed: 移出 rows, or (a full list) entries it no longer holds'),
  repaired: z.number().int().describe('Entries marked repaired (信用修复)'),
  ignored: z.number().int().describe('Rows that changed nothing (a removal or repair of an entry the list does not hold)'),
});

export const nationalListImportBody = z
  .object({
    importId: z.string(),
    source,
    sourceName: z.string(),
    mode,
    listDate: z.string(),
    fileName: z.string(),
    sha256: z.string().describe('SHA-256 of the file (hex)'),
    bytes: z.number().int(),
    rows: z.number().int(),
    status: z.enum(['applying', 'applied', 'abandoned']).describe('applying: staged, not yet seen by checks; applied: the list checks see; abandoned: stopped half-way and taken over by another import (none of it was ever seen)'),
    startedAt: z.string(),
    startedBy: z.object({ orgId: z.string(), userId: z.string() }),
    appliedAt: z.string().optional(),
    abandonedAt: z.string().optional(),
    summary: summary.optional(),
    ignored: z.array(z.object({ row: z.number().int(), reason: z.string() })).optional().describe('The rows that changed nothing, with why (the first 200)'),
    repeated: z.boolean().optional().describe('POST: the same file (source, mode, list date, bytes) was applied before: answered again, nothing applied twice'),
  })
  .meta({ id: 'NationalListImport' });

export const importIdParams = z.object({ id: z.string().regex(/^nli_[A-Za-z0-9_-]{22}$/, 'must be a national list import id (nli_ and 22 characters)') });

export const listImportsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    nextToken: z.string().max(2000).optional(),
  })
  .strict();
export const importListBody = z.object({ imports: z.array(nationalListImportBody), nextToken: z.string().optional() });

export const sourceFreshnessBody = z
  .object({
    source,
    name: z.string(),
    publisher: z.string(),
    kind: z.enum(nationalListKinds).describe('The record kind the county’s measures see its entries as'),
    kindLabel: z.string(),
    listName: z.string().optional(),
    listLabel: z.string().describe('The list its entries are on, as the county’s measures name it'),
    clause: z.string().describe('Where the county takes the list from'),
    listDate: z.string().nullable().describe('数据日期 of the list applied last; null: never imported'),
    ageDays: z.number().int().nullable().describe('Days since the list date'),
    stale: z.boolean().describe('Older than the county allows (nationalLists.staleAfterDays), or never imported'),
    staleAfterDays: z.number().int(),
  })
  .meta({ id: 'NationalListSourceFreshness' });

export const nationalEntryBody = z
  .object({
    recordId: z.string().describe('The id the measures name it by (restsOn)'),
    entryId: z.string(),
    source,
    sourceName: z.string(),
    publisher: z.string(),
    kind: z.enum(nationalListKinds),
    kindLabel: z.string(),
    listName: z.string().optional(),
    listLabel: z.string(),
    clause: z.string(),
    state: z.enum(['listed', 'removed', 'repaired']),
    status: z.enum(['active', 'repaired', 'expired']).describe('Today: in force, repaired (no punishment), ended'),
    subject: z.object({ name: z.string(), id: z.string().describe('USCC, or a person’s ID number masked'), type: z.enum(['uscc', 'residentId']) }),
    authority: z.object({ label: z.string(), name: z.string() }).optional(),
    caseNumber: z.string().optional(),
    documentNumber: z.string().optional(),
    basis: z.object({ label: z.string(), text: z.string() }).describe('执行依据 / 处罚依据 / 文号'),
    conduct: z.object({ label: z.string(), text: z.string() }).optional(),
    listedOn: z.string().optional(),
    decidedOn: z.string().optional(),
    endsOn: z.string().optional(),
    changedOn: z.string().describe('数据日期 of the list that set this state'),
    listDate: z.string().nullable().describe('The source’s list date today: the entry is as of that list'),
    ageDays: z.number().int().nullable(),
    stale: z.boolean(),
  })
  .meta({ id: 'NationalListEntry' });

/** What a check shows and logs of the national lists (shared/checks). */
export const nationalListsAtCheckBody = z
  .object({
    sources: z.array(sourceFreshnessBody).describe('Every list the county takes, with its list date and freshness'),
    entries: z.array(nationalEntryBody).describe('The subject’s entries in force or repaired, each with its source, list date, basis and freshness'),
  })
  .meta({ id: 'NationalListsAtCheck' });

export const sourcesQuery = z.object({}).strict();
export const sourcesBody = z
  .object({
    asOf: z.string(),
    staleAfterDays: z.object({ days: z.number().int(), source: z.string() }),
    sources: z.array(
      sourceFreshnessBody.extend({
        entriesInForce: z.number().int(),
        entriesRepaired: z.number().int(),
        lastImport: z.object({ importId: z.string(), appliedAt: z.string().optional() }).optional(),
        pending: z.object({ importId: z.string(), startedAt: z.string() }).optional().describe('An import being applied (not yet seen by checks)'),
        columns: z.array(z.object({ header: z.string(), required: z.boolean(), key: z.boolean() })).describe('The columns a file of this list carries, as published'),
      }),
    ),
  })
  .meta({ id: 'NationalListSources' });

export const entriesQuery = z.object({ subjectId: subjectIdSchema.describe('USCC or resident ID number of the subject') }).strict();
export const entriesBody = z.object({
  subject: z.object({ id: z.string().describe('USCC, or the ID number masked'), type: z.enum(['uscc', 'residentId']) }),
  entries: z.array(
    nationalEntryBody.extend({
      history: z.array(z.object({ state: z.enum(['listed', 'removed', 'repaired']), changedOn: z.string(), importId: z.string(), row: z.number().int().optional() })).describe('Every state applied, oldest first'),
    }),
  ),
});
