import * as z from 'zod';
import { organisationId } from '../http/common-schemas.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { maxListItems } from './matter-list.ts';

/** One matter of a department's list (事项清单). */
export const matterListItemBody = z
  .object({
    itemId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be the department’s own item code: letters, digits, . _ - (at most 64)')
      .describe('The department’s own code of the matter (事项编码), stable across versions: a check names it (matter.listItem)'),
    matterType: plainText(z.string().min(1).max(64)).describe("One of the county's matter types (GET /public/county)"),
    name: nameText(200).describe('事项名称'),
    legalBasis: plainText(z.string().trim().min(1).max(2000)).describe('设定依据: the law, regulation or notice the matter rests on'),
    checkRequired: z.boolean().describe('信用记录核查: a check of the subject’s credit records is required'),
    reportRequired: z.boolean().describe('第三方信用报告: a valid credit report of a registered agency is required'),
    measures: z
      .array(plainText(z.string().min(1).max(64)))
      .max(50)
      .default([])
      .describe('Ids of the county’s measures the department applies in this matter; a check then offers only those among the measures the county’s rules select (none: all selected)'),
  })
  .strict()
  .meta({ id: 'MatterListItem' });

const commentText = plainText(z.string().trim().min(1).max(2000));

export const submitMatterListBody = z
  .object({
    items: z.array(matterListItemBody).min(1).max(maxListItems).describe('The whole list: every matter of this version'),
    comment: commentText.optional().describe('A word to the credit office with the version (e.g. what changed)'),
  })
  .strict();

export const listMatterListsQuery = z
  .object({ department: organisationId.optional().describe('The credit office: one department (a department: its own only)') })
  .strict();

export const departmentParams = z.object({ department: organisationId.describe('The department’s organisation id') });
export const versionParams = departmentParams.extend({ version: z.coerce.number().int().min(1).max(999_999).describe('The version number') });

export const reviewMatterListBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), comment: commentText.optional().describe('审核意见') }).strict(),
    z.object({ decision: z.literal('return'), comment: commentText.describe('审核意见: what the department must change (required to return)') }).strict(),
  ])
  .describe('approve 通过 (the version becomes the list in force), or return 退回 with a comment');

export const commentMatterListBody = z.object({ text: commentText.describe('意见') }).strict();

const commentBody = z.object({
  author: z.string(),
  role: z.enum(['department', 'creditOffice']),
  orgId: z.string(),
  at: z.string(),
  text: z.string(),
  kind: z.enum(['submission', 'review', 'comment']),
  decision: z.enum(['approve', 'return']).optional(),
});

export const matterListVersionBody = z
  .object({
    orgId: z.string(),
    version: z.number().int(),
    state: z.enum(['submitted', 'approved', 'returned']).describe('submitted 待审核, approved 已通过, returned 已退回'),
    items: z.array(matterListItemBody),
    submittedAt: z.string(),
    submittedBy: z.string(),
    reviewedAt: z.string().optional(),
    reviewedBy: z.string().optional(),
    comments: z.array(commentBody).describe('Comments of either side, oldest first, with the review’s'),
  })
  .meta({ id: 'MatterListVersion' });

const stateFields = {
  orgId: z.string(),
  name: z.string().optional().describe('The department’s name in the register'),
  state: z.enum(['none', 'submitted', 'approved', 'returned']).describe("The latest version's state; none: no version filed"),
  latestVersion: z.number().int().optional(),
  inForceVersion: z.number().int().optional().describe('The latest approved version: the list in force'),
  inForceApprovedAt: z.string().optional(),
  firstApprovedOn: z.string().optional().describe('County-local day the first version was approved'),
  pendingVersion: z.number().int().optional().describe('The version awaiting review'),
};
export const matterListStateBody = z.object(stateFields).meta({ id: 'MatterListState' });
export const matterListStatesBody = z.object({ lists: z.array(matterListStateBody) });
export const departmentMatterListBody = z
  .object({
    ...stateFields,
    versions: z.array(matterListVersionBody).describe('Newest first'),
    catalogMeasures: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['incentive', 'punishment']) })).describe('The county’s measures an item may name'),
  })
  .meta({ id: 'DepartmentMatterList' });
