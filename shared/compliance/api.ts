import * as z from 'zod';
import { organisationId } from '../http/common-schemas.ts';

export const complianceQuery = z.object({
  period: z.string().max(16).optional().describe("A period of the county's cadence (2026-11, 2026-Q4, 2026-S1); the last ended one by default"),
});

const department = z.looseObject({
  orgId: z.string(),
  name: z.string(),
  checks: z.object({ total: z.number(), withOutcome: z.number(), withoutOutcome: z.number() }).describe('Credit checks run in the period (逢办必查), with and without a recorded outcome'),
  latePublications: z.looseObject({ count: z.number(), records: z.array(z.unknown()) }).describe('Licence and penalty records it pushed in the period after their 7-working-day deadline'),
  overdueAnswers: z.looseObject({ count: z.number(), cases: z.array(z.unknown()) }).describe('Objections and repairs on its records whose answer day fell in the period and passed unanswered'),
  usageList: z.looseObject({ state: z.enum(['submittedOnTime', 'submittedLate', 'notSubmitted', 'overdue']), dueDay: z.string(), revision: z.number().optional() }),
  failings: z.array(z.string()).describe('usageListMissing, usageListLate, overdueAnswers, latePublications, outcomesMissing'),
});

export const complianceBody = z
  .object({
    period: z.looseObject({ id: z.string(), name: z.string(), firstDay: z.string(), lastDay: z.string(), dueDay: z.string(), complete: z.boolean() }),
    asOf: z.string(),
    departments: z.array(department).describe('Worst offenders first'),
  })
  .meta({ id: 'Compliance' });

export const dataQualityQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
    .optional()
    .describe("The month (YYYY-MM) whose records and imports are read; the request's month by default"),
  department: z.string().min(1).max(64).optional().describe('The credit office names one department; without it, every registered department'),
});

const mendItem = z.looseObject({ mend: z.string().describe('What to do about it') });
const departmentQuality = z.looseObject({
  orgId: z.string(),
  name: z.string(),
  counts: z.object({
    refusedRows: z.number().describe('Rows refused in the imports of the month'),
    importsWithRefusals: z.number(),
    latePublications: z.number().describe('Licence and penalty records received after their publication deadline'),
    provisional: z.number().describe('Records whose deadline or publicity end rests on a year whose holidays the calendar does not hold yet'),
  }),
  imports: z.array(mendItem).describe('Imports of the month with refused rows'),
  latePublications: z.array(mendItem),
  provisional: z.array(mendItem),
});

export const dataQualityBody = z
  .object({
    month: z.string(),
    firstDay: z.string(),
    lastDay: z.string(),
    asOf: z.string(),
    departments: z.array(departmentQuality).describe('The caller\'s department, or (the credit office) each department, most to mend first'),
  })
  .meta({ id: 'DataQuality' });

const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

export const assessmentsQuery = z
  .object({
    month: monthText.optional().describe('The month assessed (YYYY-MM); the month before the request\'s by default'),
    year: z.string().regex(/^\d{4}$/, 'must be a year written YYYY').optional().describe('A year instead: each department\'s months so far and the year\'s score (their mean)'),
    department: z.string().max(64).optional().describe('The credit office: one department only (a department always reads its own)'),
  })
  .strict()
  .refine((q) => !(q.month && q.year), { path: ['year'], message: 'give a month or a year, not both' });

const scoreLine = z.object({ rule: z.string(), name: z.string(), weight: z.number(), fact: z.string(), points: z.number().nullable().describe('null: the rule did not apply this month') });

export const assessmentsBody = z
  .looseObject({
    rules: z.array(z.looseObject({ id: z.string(), name: z.string(), weight: z.number() })),
    clause: z.string().describe('The clause that asks for the assessment (考核)'),
    weightsClause: z.string().describe('Where the weights come from'),
    month: z.string().optional(),
    year: z.string().optional(),
    final: z.boolean().optional().describe('The month\'s bulletin is published: the scores are as published'),
    departments: z.array(
      z.looseObject({
        orgId: z.string(),
        name: z.string(),
        score: z.number().optional(),
        rank: z.number().optional(),
        breakdown: z.array(scoreLine).optional(),
        annotations: z.array(z.object({ noteId: z.string(), text: z.string(), at: z.string(), by: z.string() })).optional(),
        months: z.array(z.looseObject({ month: z.string(), score: z.number() })).optional(),
        yearScore: z.number().nullable().optional(),
      }),
    ),
  })
  .meta({ id: 'Assessments' });

export const assessmentMonthParams = z.object({ month: monthText });
export const assessmentNoteBody = z
  .object({
    orgId: organisationId.describe('The department the note is about'),
    text: z.string().trim().min(1).max(2000).describe('考核备注: the office\'s note on the department\'s month'),
  })
  .strict();
export const assessmentNoteAnswer = z.object({ noteId: z.string(), text: z.string(), at: z.string(), by: z.string() });
