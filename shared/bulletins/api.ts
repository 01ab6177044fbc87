import * as z from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
export const bulletinMonthParams = z.object({ month });
export const bulletinFileQuery = z.object({ format: z.enum(['pdf', 'xlsx']).default('pdf').describe('pdf (with charts) or xlsx (the tables)') }).strict();
export const publicBulletinFileQuery = z.object({ format: z.enum(['pdf']).default('pdf') }).strict();

const summary = z.looseObject({
  month: z.string(),
  state: z.enum(['draft', 'published']),
  title: z.string(),
  version: z.number(),
  publishedOn: z.string().optional(),
  public: z.boolean(),
});
export const bulletinListBody = z.object({ bulletins: z.array(summary).describe('Newest month first') }).meta({ id: 'Bulletins' });
export const bulletinBody = summary.extend({ content: z.looseObject({ month: z.string(), title: z.string(), departments: z.array(z.unknown()), trend: z.array(z.unknown()), accountability: z.array(z.unknown()), officeText: z.array(z.string()) }) }).meta({ id: 'Bulletin' });

export const bulletinTextBody = z
  .object({
    version: z.number().int().min(1).describe('The version read: an edit made meanwhile refuses this one (409)'),
    paragraphs: z.array(z.string().trim().min(1).max(4000)).max(30).describe("The office's text, one paragraph each, printed before the tables"),
  })
  .strict();
const note = z.string().trim().min(1).max(500);
export const bulletinVersionBody = z
  .object({
    version: z.number().int().min(1).describe('The version read'),
    note: note.optional().describe('签发说明: kept with the publication (who approved it, what changed since the draft)'),
  })
  .strict();
export const bulletinRefreshBody = z
  .object({
    version: z.number().int().min(1).optional().describe('The version read (needed once a draft exists)'),
    note: note.optional().describe('Why the figures are read again (e.g. 财政局补报了11月办件), kept with the draft'),
  })
  .strict();
export const prepareBulletinAnswer = z.looseObject({ drafted: z.boolean(), month: z.string().optional() });
export const bulletinFileBody = z.string().describe('The bulletin: application/pdf or the XLSX workbook, as an attachment');
