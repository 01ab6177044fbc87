import * as z from 'zod';
import { nameText } from '../http/input-text.ts';
import { departmentOrgId } from '../departments/api.ts';

export const usageListParams = z.object({
  period: z.string().max(16).describe("A period of the county's cadence: 2026-11 (monthly), 2026-Q4 (quarterly), 2026-S1 (a summary)"),
});

const departmentQuery = departmentOrgId.optional().describe("The credit office: the department whose list (required); a department: its own (or left out)");

export const usageListQuery = z.object({ department: departmentQuery });

export const submitUsageListQuery = z.object({ department: departmentOrgId.optional().describe('Left out, or the caller’s own organisation') });

export const submitUsageListBody = z
  .object({
    submitter: nameText(50).describe('报送人: who submits the list'),
    note: z.string().trim().max(1000).optional(),
    revision: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Required to submit again: the next revision (the latest + 1). Submission is final; a correction is a new revision'),
  })
  .strict();

export const exportUsageListQuery = z.object({
  format: z.enum(['csv', 'xlsx']).describe('csv: UTF-8 with BOM, CRLF; xlsx: one sheet named for the period'),
  revision: z.coerce.number().int().min(1).optional().describe('A submitted revision; the latest by default, the draft before any submission'),
  department: departmentQuery,
});

const counts = z.object({ checks: z.number(), withOutcome: z.number(), withoutOutcome: z.number() });
const row = z.object({
  checkId: z.string(),
  subjectName: z.string().describe('市场主体（自然人）名称'),
  matter: z.string().describe('行政管理事项名称 (with 经办系统 when a system ran the check)'),
  system: z.string().optional().describe("The department's system that ran the check (a machine client), when not a person"),
  date: z.string().describe('日期'),
  usage: z.string().describe('使用信用记录或报告情况 (未记录使用情况 when no outcome is recorded)'),
  measures: z.string().describe('使用的激励或惩戒措施 (无 when none)'),
  outcomeRecorded: z.boolean(),
});
const submission = z.union([
  z.object({ state: z.literal('notSubmitted') }),
  z.looseObject({
    state: z.literal('submitted'),
    revision: z.number(),
    submitter: z.string(),
    submittedAt: z.string(),
    submittedOn: z.string(),
    firstSubmittedOn: z.string(),
    late: z.boolean().describe('Whether the first revision came after the due day'),
    counts,
  }),
]);

export const usageListBody = z
  .object({
    period: z.object({ id: z.string(), kind: z.enum(['month', 'quarter', 'summary']), name: z.string(), firstDay: z.string(), lastDay: z.string(), dueDay: z.string(), complete: z.boolean() }),
    department: z.object({ orgId: z.string(), name: z.string() }),
    counts,
    rows: z.array(row),
    submission,
    draft: z.object({ createdAt: z.string(), createdOn: z.string(), counts }).nullable().describe('The draft the period close stored'),
  })
  .meta({ id: 'UsageList' });

export const usageListFileBody = z.string().describe('The file: text/csv (UTF-8 with BOM) or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, as an attachment');
