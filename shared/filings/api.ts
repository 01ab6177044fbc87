import * as z from 'zod';
import { calendarDate } from '../calendar/date-schema.ts';
import { organisationId } from '../http/common-schemas.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { filingContentTypeList } from './content-types.ts';

const kindId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a filing kind id of the county (lower-case kebab-case)').max(64);
const periodId = z.string().regex(/^\d{4}-[A-Z0-9]{1,4}$/, 'must be a period id such as 2026-H1, 2026-Q3 or 2026-11').max(9);

export const createFilingUploadBody = z
  .object({
    fileName: nameText(200).describe('The document’s file name (.pdf, .doc or .docx)'),
    contentType: z.enum(filingContentTypeList, { error: () => `must be one of ${filingContentTypeList.join(', ')} (PDF, Word .doc or .docx)` }),
    bytes: z.number().int().positive().describe('The file’s size; the presigned POST accepts at most this many bytes'),
  })
  .strict();

export const filingUploadBody = z.object({
  uploadId: z.string(),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }).describe('POST the file as multipart/form-data with these fields first'),
  expiresAt: z.string(),
  maxBytes: z.number().int(),
});

export const confirmFilingBody = z
  .object({
    uploadId: z.string().regex(/^fup_[a-f0-9]{24}$/, 'must be the uploadId answered by POST /filings/uploads'),
    kind: kindId.describe('A filing kind of the county file (GET /filings answers them)'),
    period: periodId.describe('Which due occurrence the document answers: 2026-H1, 2026-Q3, 2026-11 by the kind’s cadence'),
    title: nameText(200).describe('标题'),
    summary: plainText(z.string().trim().min(1).max(4000)).describe('内容摘要'),
    documentDate: calendarDate({ notAfterToday: true }).describe('成文日期 (not after today)'),
  })
  .strict();

export const filingBody = z
  .object({
    orgId: z.string(),
    kind: z.string(),
    kindName: z.string(),
    period: z.string(),
    periodName: z.string(),
    revision: z.number().int(),
    title: z.string(),
    summary: z.string(),
    documentDate: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    filedAt: z.string(),
    filedOn: z.string(),
    dueDay: z.string(),
    late: z.boolean().describe('This revision came after the due day'),
    firstFiledOn: z.string().describe('The first revision’s day: on time or late is decided by it'),
  })
  .meta({ id: 'Filing' });

const filingState = z.enum(['onTime', 'late', 'missing', 'notYetDue']);

export const filingKindBody = z.object({
  id: z.string(),
  name: z.string(),
  contains: z.string(),
  cadence: z.enum(['fixed', 'quarterly', 'monthly']),
  reminderWorkingDays: z.number().int(),
  source: z.string().describe('The clause that asks for it'),
  dueSource: z.string().optional(),
});

export const listFilingsQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2099).optional().describe('The year of the periods (default: this year)'),
    department: organisationId.optional().describe('The credit office: one department'),
  })
  .strict();

export const filingListBody = z.object({
  orgId: z.string(),
  year: z.number().int(),
  kinds: z.array(filingKindBody),
  maxBytes: z.number().int(),
  due: z.array(
    z.object({ kind: z.string(), kindName: z.string(), period: z.string(), periodName: z.string(), dueDay: z.string(), state: filingState, revisions: z.number().int(), filedOn: z.string().optional() }),
  ),
  filings: z.array(filingBody),
});

export const filingStatusQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2099).optional().describe('The year of the periods (default: this year)'),
    kind: kindId.optional(),
    period: periodId.optional(),
  })
  .strict();

export const filingStatusBody = z.object({
  year: z.number().int(),
  kinds: z.array(filingKindBody),
  periods: z.array(
    z.object({
      kind: z.string(),
      kindName: z.string(),
      period: z.string(),
      periodName: z.string(),
      dueDay: z.string(),
      counts: z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), notYetDue: z.number().int() }),
      departments: z.array(
        z.object({ orgId: z.string(), name: z.string(), state: filingState, filedOn: z.string().optional(), revision: z.number().int().optional(), title: z.string().optional() }),
      ),
    }),
  ),
});

export const filingDocumentParams = z.object({ kind: kindId, period: periodId });
export const filingDocumentQuery = z
  .object({
    department: organisationId.optional().describe('The credit office: whose filing (required); a department: its own'),
    revision: z.coerce.number().int().min(1).optional().describe('Default: the latest'),
  })
  .strict();
export const filingDocumentBody = z.object({
  url: z.string().describe('A short-lived presigned GET of the document'),
  expiresInSeconds: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  revision: z.number().int(),
});
