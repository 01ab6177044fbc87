import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { subjectIdSchema } from '../subjects/subject-id.ts';
import { validationDay } from '../time/request-day.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
/** A case number: printable, no path separators (it is a path parameter when a matter is read). */
const reference = plainText(z.string().trim().min(1).max(100)).refine((r) => !/[/\\?#%]/.test(r), 'must not contain / \\ ? # or %');
const decidedOn = isoDate.refine((day) => {
  const today = validationDay();
  return today === undefined || day <= today;
}, 'must not be after today');

/** One matter handled (办件), as a department's system reports it and as a row of the monthly upload is read. */
export const matterInput = z
  .object({
    itemId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an item code of the department’s matter list: letters, digits, . _ - (at most 64)')
      .describe('The item of the department’s matter list (事项清单编号); an item not in the list in force is counted under its code and flagged'),
    reference: reference.describe('办件编号: the department’s case number; reporting it again updates the matter'),
    subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number of the subject'),
    subjectName: nameText(200).describe('主体名称'),
    decidedOn: decidedOn.describe('办结日期: the day the matter was decided (not after today)'),
    decision: plainText(z.string().trim().min(1).max(200)).optional().describe('办理结果, e.g. 准予许可'),
    checkId: z.string().regex(/^chk_[A-Za-z0-9_-]{22}$/, 'must be a check id (chk_ and 22 characters)').optional().describe('The check the system ran for it'),
  })
  .strict();
export type MatterInput = z.output<typeof matterInput>;

export const reportMattersBody = z
  .object({ matters: z.array(matterInput).min(1).max(500).describe('Up to 500 matters; each is stored or updated by its reference') })
  .strict();

export const matterBody = z
  .looseObject({
    reference: z.string(),
    itemId: z.string(),
    departmentOrgId: z.string(),
    subject: z.object({ id: z.string().describe('USCC, or a masked resident ID'), type: z.enum(['uscc', 'residentId']), name: z.string() }),
    decidedOn: z.string(),
    decision: z.string().optional(),
    checkId: z.string().optional(),
    via: z.enum(['api', 'upload']),
    revision: z.number(),
    firstReportedAt: z.string(),
    reportedAt: z.string(),
  })
  .meta({ id: 'MatterHandled' });

export const reportMattersAnswer = z.object({
  results: z.array(z.object({ reference: z.string(), created: z.boolean().describe('false: an earlier report of the same reference was updated'), revision: z.number() })),
});

export const listMattersQuery = z
  .object({
    month: month.optional().describe('Matters decided in this month (YYYY-MM); the request’s month by default'),
    itemId: z.string().max(64).optional(),
    department: z.string().max(64).optional().describe('The credit office: the department'),
  })
  .strict();
export const matterListAnswer = z.object({ month: z.string(), matters: z.array(matterBody) });

export const matterParams = z.object({ reference: z.string().min(1).max(300) });
export const matterQuery = z.object({ department: z.string().max(64).optional().describe('The credit office: the department') }).strict();

export const uploadMattersBody = z
  .object({
    month: month.describe('The month the file reports: every row’s 办结日期 must fall in it'),
    fileName: plainText(z.string().trim().min(1).max(200)).describe('.xlsx or .csv (UTF-8 or GB18030)'),
    content: z.string().min(1).max(5_000_000).describe('The file, base64'),
  })
  .strict();

export const uploadAnswer = z.object({
  month: z.string(),
  rows: z.number().describe('Rows read (the header not counted)'),
  stored: z.number().describe('New matters stored'),
  updated: z.number().describe('Matters reported before, updated'),
  refused: z.array(z.object({ row: z.number(), column: z.string(), field: z.string(), message: z.string() })).describe('Each refused row with the column at fault'),
});

export const coverageQuery = z
  .object({
    month: month.optional().describe('The month (YYYY-MM); the request’s month by default'),
    department: z.string().max(64).optional().describe('The credit office: one department; a department: its own only'),
  })
  .strict();

const itemCoverage = z.object({ itemId: z.string(), name: z.string(), handled: z.number(), checked: z.number(), coverage: z.number().nullable(), inList: z.boolean() });
export const coverageAnswer = z
  .object({
    month: z.string(),
    lookbackDays: z.number().describe('A check counts when on or before the decision day and at most this many days before it'),
    departments: z.array(
      z.object({
        orgId: z.string(),
        name: z.string(),
        handled: z.number(),
        checked: z.number(),
        coverage: z.number().nullable().describe('checked ÷ handled; null when nothing was handled'),
        listVersion: z.number().nullable().describe('The version of the matter list in force; null: none approved'),
        items: z.array(itemCoverage),
      }),
    ),
  })
  .meta({ id: 'Coverage' });

export const accountabilityQuery = z.object({ month: month.optional().describe('The month (YYYY-MM); the request’s month by default') }).strict();
export const accountabilityAnswer = z
  .object({
    month: z.string(),
    candidates: z.array(
      z.object({
        orgId: z.string(),
        department: z.string(),
        kind: z.enum(['decidedWithoutCheck', 'punishmentUnexplained']),
        kindLabel: z.string(),
        reference: z.string(),
        matterName: z.string(),
        subject: z.string().describe('Masked for a person'),
        date: z.string(),
        detail: z.string(),
        checkId: z.string().optional(),
        itemId: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Accountability' });

export const templateQuery = z.object({}).strict();
