import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { recordKinds } from '../config/record-kinds.ts';
import { publicRecordBody } from '../records/api.ts';

/** The public site's routes (no token): search, one record, the red and black lists. Only records in their publicity period. */

export const searchPublicRecordsQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'must name a subject: its unified social credit code, resident ID number, or the beginning of its name')
    .max(100, 'must be at most 100 characters')
    .describe('A whole unified social credit code or resident ID number, or (organisations only) the beginning of a name, with or without the place names it starts with'),
  kind: z.enum(recordKinds).optional().describe('Only records of this kind (licence and penalty: dual publicity, 双公示)'),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Subjects at most'),
});

export const publicRecordParams = z.object({
  id: z.string().regex(/^rec_[A-Za-z0-9_-]{22}$/, 'must be a record id (rec_ and 22 characters)'),
});

export const publicListQuery = z.object({
  list: z.enum(['red', 'black']).describe('red: 红名单; black: 黑名单（严重失信主体名单）'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

export const publicSearchBody = z.object({
  q: z.string(),
  match: z.enum(['code', 'name']),
  subjects: z.array(
    z.object({
      subject: z.object({ id: z.string(), type: z.enum(['uscc', 'residentId']), name: z.string() }),
      records: z.array(publicRecordBody).describe('Newest decision first'),
    }),
  ),
  truncated: z.boolean().describe('More subjects match: make the name longer'),
});

export const publicListBody = z.object({
  list: z.enum(['red', 'black']),
  kind: z.enum(['redList', 'blackList']),
  asOf: isoDate,
  records: z.array(publicRecordBody).describe('By the last day listed, soonest first'),
  nextToken: z.string().optional(),
});
