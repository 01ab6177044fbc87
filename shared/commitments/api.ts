import * as z from 'zod';
import { commitmentModes } from '../config/county-config.ts';
import { nameText, plainText } from '../http/input-text.ts';

export const commitmentIdParams = z.object({ id: z.string().regex(/^rec_[A-Za-z0-9_-]{22}$/, 'must be the commitment record id (rec_…)') });

export const commitmentResultBody = z
  .discriminatedUnion('result', [
    z.object({ result: z.literal('fulfilled'), note: plainText(z.string().trim().min(1).max(2000)).optional().describe('核查情况') }).strict(),
    z
      .object({
        result: z.literal('breached'),
        breachFacts: plainText(z.string().trim().min(1).max(4000)).describe('违诺事实: what was not kept'),
        decisionNumber: nameText(100).optional().describe('认定违诺的文书号 (default: derived from the commitment)'),
        content: plainText(z.string().trim().min(1).max(4000)).optional().describe('处理内容 (e.g. 撤销许可、限期整改)'),
      })
      .strict(),
  ])
  .describe('fulfilled 已履约, or breached 违反承诺 (a commitment-breach record is made)');

export const listCommitmentsQuery = z
  .object({
    state: z.enum(['open', 'fulfilled', 'breached']).optional(),
    department: z.string().max(64).optional().describe('The credit office: one department'),
  })
  .strict();

export const commitmentBody = z
  .looseObject({
    recordId: z.string(),
    departmentOrgId: z.string(),
    mode: z.enum(commitmentModes),
    modeLabel: z.string(),
    subject: z.object({ id: z.string(), type: z.enum(['uscc', 'residentId']), name: z.string() }),
    matter: z.object({ type: z.string(), typeName: z.string(), reference: z.string(), name: z.string() }),
    checkId: z.string(),
    text: z.string(),
    promised: z.array(z.string()),
    dueDate: z.string(),
    takenOn: z.string(),
    state: z.enum(['open', 'fulfilled', 'breached']),
    overdue: z.boolean().describe('Open past its due day'),
    result: z.looseObject({ result: z.enum(['fulfilled', 'breached']), recordedAt: z.string() }).optional(),
  })
  .meta({ id: 'Commitment' });
export const commitmentListBody = z.object({ commitments: z.array(commitmentBody) });
