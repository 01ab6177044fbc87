import * as z from 'zod';
import { commitmentModes, isoDate } from '../config/county-config.ts';
import { subjectCategories } from '../config/record-kinds.ts';
import { warningsBody } from '../http/common-schemas.ts';
import { entryProofBody, inclusionPromiseBody } from '../usage-log/api.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { subjectIdSchema, usccSchema } from '../subjects/subject-id.ts';
import { nationalListsAtCheckBody } from '../national-lists/api.ts';

/**
 * A commitment taken with a check (POST /checks `commitment`): where the county's catalog offers 告知承诺, 容缺受理 or a
 * written 信用承诺 for the matter type, the subject's promise, what it promises and by when. It becomes a
 * commitment record of the department (in the subject's credit record) and is followed up to its due day.
 */
export const commitmentAtCheckBody = z
  .object({
    mode: z.enum(commitmentModes).describe('notification 告知承诺, tolerance 容缺受理, written 信用承诺 (as the county offers for the matter type)'),
    subjectName: nameText(200).describe('行政相对人名称: the name the commitment record carries'),
    subjectCategory: z.enum(subjectCategories).optional().describe('行政相对人类别 (default: legalPerson for a USCC, naturalPerson for an ID number)'),
    authority: z
      .object({ name: nameText(200).describe('决定机关名称'), uscc: usccSchema.describe('决定机关统一社会信用代码') })
      .strict()
      .describe('The department deciding the matter, as the commitment record names it'),
    text: plainText(z.string().trim().min(1).max(4000)).describe('承诺书内容: the text the subject signed'),
    promised: z.array(nameText(500)).min(1).max(20).describe('承诺事项: what is promised, one item each (e.g. 补交消防验收合格证明)'),
    dueDate: isoDate.describe('履约期限: the day by which the promise is kept (after today)'),
  })
  .strict();

export const runCheckBody = z
  .object({
    subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number of the subject'),
    matter: z
      .object({
        type: plainText(z.string().min(1).max(64)).describe("One of the county's matter types (GET /public/county)"),
        reference: nameText(100).describe("The department's own case number"),
        name: nameText(200).describe('The case name'),
        listItem: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an item code of the department’s matter list')
          .optional()
          .describe(
            "The item of the department's matter list in force (事项清单) this matter is: its matter type must be `type` (400 LIST_ITEM_MATTER_TYPE); an item not in the list in force: 400 LIST_ITEM_NOT_IN_FORCE. The check then offers only the measures the item names (among those the county's rules select) and says whether a report it requires is shown",
          ),
      })
      .strict(),
    commitment: commitmentAtCheckBody.optional().describe("A commitment taken at the point of approval (告知承诺, 容缺受理, 信用承诺), where the county's catalog offers it for the matter type: it becomes a commitment record, followed up to its due day"),
  })
  .strict();

const matterBody = runCheckBody.shape.matter;

/** POST /checks/batch: one matter, the subjects; each item validated alone (a bad code fails its item only). */
export const runCheckBatchBody = z
  .object({
    matter: matterBody,
    subjects: z.array(z.unknown()).min(1).max(1000).describe("The subjects, each { subjectId, reference? }; at most the county's api.batchCheck.maxSubjects"),
  })
  .strict();
export const batchSubjectItem = z
  .object({
    subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number'),
    reference: nameText(100).optional().describe('The caller’s own reference for the item (a bidder number), echoed in the answer'),
  })
  .strict();
export const runCheckBatchDocumented = runCheckBatchBody.extend({ subjects: z.array(batchSubjectItem).min(1) });
export const runCheckBatchQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json').describe('xlsx: the results as a workbook (the same checks, answered again by the same Idempotency-Key)') }).strict();

export const checkIdParams = z.object({ id: z.string().regex(/^chk_[A-Za-z0-9_-]{22}$/, 'must be a check id (chk_ and 22 characters)') });

export const checkOutcomeBody = z
  .object({
    usage: z.string().trim().min(1).max(2000).describe('使用信用记录或报告情况: how the records and reports were used'),
    appliedMeasures: z
      .array(z.object({ measureId: plainText(z.string().min(1).max(64)), note: z.string().trim().max(500).optional() }).strict())
      .max(50)
      .default([]),
    notAppliedMeasures: z
      .array(
        z
          .object({
            measureId: plainText(z.string().min(1).max(64)),
            reason: plainText(z.string().trim().min(1).max(1000)).describe('不予适用的理由'),
          })
          .strict(),
      )
      .max(50)
      .default([])
      .describe('Measures the check offered that were not applied, each with its reason (a punishment offered and neither applied nor explained is an accountability candidate)'),
    decision: z.enum(['approved', 'approvedWithConditions', 'rejected', 'pending', 'other']),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const listChecksQuery = z.object({
  from: isoDate.optional().describe('First county-local day; 30 days before `to` by default'),
  to: isoDate.optional().describe('Last county-local day; today by default'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

/** A later correction of a record the check showed (shared/checks/check-log-entry.ts `CheckCorrection`). */
export const checkCorrectionBody = z
  .object({
    caseId: z.string(),
    caseType: z.enum(['objection', 'repair']),
    recordId: z.string(),
    decisionNumber: z.string(),
    outcome: z.enum(['corrected', 'revoked', 'repaired']).describe('更正, 撤销 or 信用修复'),
    shownVersion: z.number().int().describe('The version of the record the check showed'),
    currentVersion: z.number().int().describe('The version current after the case'),
    decidedAt: z.string(),
    decidedOn: z.string(),
    reasoning: z.string(),
    notice: z.object({ kind: z.string(), about: z.string() }).describe('The notice the department received'),
    markedAt: z.string(),
  })
  .meta({ id: 'CheckCorrection' });

const measure = z.looseObject({ measureId: z.string(), kind: z.enum(['incentive', 'punishment']), name: z.string(), clause: z.string(), suspended: z.boolean() });
export const checkReceiptBody = z
  .looseObject({
    checkId: z.string(),
    checkedAt: z.string(),
    subject: z.object({ id: z.string(), type: z.enum(['uscc', 'residentId']), name: z.string().nullable(), known: z.boolean() }),
    matter: z.object({
      type: z.string(),
      typeName: z.string(),
      reference: z.string(),
      name: z.string(),
      listItem: z
        .object({ itemId: z.string(), name: z.string(), listVersion: z.number().int(), checkRequired: z.boolean(), reportRequired: z.boolean() })
        .optional()
        .describe('The item of the department’s matter list the check serves, as the list in force said that day'),
    }),
    reportRequirement: z
      .object({ required: z.literal(true), satisfied: z.boolean(), message: z.string().optional().describe('Shown when not satisfied: 本事项须查验第三方信用报告，当前无有效报告') })
      .optional()
      .describe('When the list item requires a third-party report: whether the check showed a valid one not flagged for re-evaluation'),
    system: z.object({ clientId: z.string(), name: z.string() }).optional().describe("The department's system that ran the check (a machine client), absent when a person did"),
    lists: z.looseObject({ redListed: z.boolean(), blackListed: z.boolean(), dishonestDebtor: z.boolean() }),
    records: z.array(z.unknown()),
    reports: z.array(z.unknown()),
    measures: z.array(measure),
    nationalLists: nationalListsAtCheckBody
      .optional()
      .describe('The national lists the county takes: each with its list date (数据日期) and freshness, and the subject’s entries in force or repaired with their source, list date and basis (absent on checks logged before)'),
    outcome: z.unknown().nullable(),
    corrections: z
      .array(checkCorrectionBody)
      .optional()
      .describe('Records the check showed that a case later corrected, revoked or repaired (GET /checks, GET /checks/{id})'),
    warnings: warningsBody.describe('POST /checks: warnings about body.subjectId (present only when there is one)'),
    logPromise: inclusionPromiseBody.optional().describe('POST /checks: the signed promise that the check will be in its department’s usage log (GET /checks/{id}/receipt proves it once it is)'),
    commitment: z
      .object({ recordId: z.string(), mode: z.string(), modeLabel: z.string(), dueDate: z.string(), state: z.string() })
      .optional()
      .describe('POST /checks with a commitment: the commitment record made of it and its follow-up state'),
  })
  .meta({ id: 'CheckReceipt' });
export const checkBatchBody = z
  .object({
    matter: z.object({ type: z.string(), reference: z.string(), name: z.string() }),
    count: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        index: z.number().int(),
        reference: z.string().optional(),
        ok: z.boolean(),
        repeated: z.boolean().optional().describe('The check was logged by an earlier copy of this batch'),
        check: checkReceiptBody.optional(),
        error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).optional(),
      }),
    ),
  })
  .meta({ id: 'CheckBatch' });
export const checkListBody = z.object({ from: isoDate, to: isoDate, checks: z.array(checkReceiptBody), nextToken: z.string().optional() });

export const checkLogReceiptBody = z
  .object({
    checkId: z.string(),
    organisation: z.string().describe('The department (or institution) whose usage log logs the check'),
    logId: z.string(),
    entry: entryProofBody.describe('The check as an entry of the log'),
    outcome: entryProofBody.extend({ revision: z.number().int() }).optional().describe('The latest revision of its outcome, an entry of its own'),
    verification: z.object({
      verified: z.boolean(),
      problems: z.array(z.string()).describe('What a verifier finds with the published key: an edited entry, a proof that does not reach the signed root, a missing subtree, a bad signature, an outcome that is not its last logged revision'),
      verifiedAt: z.string(),
    }),
    check: checkReceiptBody.describe('The check as GET /checks/{id} shows it'),
  })
  .meta({ id: 'CheckLogReceipt' });
