import * as z from 'zod';

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
