import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { warningsBody } from '../http/common-schemas.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { subjectIdSchema } from '../subjects/subject-id.ts';

export const runCheckBody = z
  .object({
    subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number of the subject'),
    matter: z
      .object({
        type: plainText(z.string().min(1).max(64)).describe("One of the county's matter types (GET /public/county)"),
        reference: nameText(100).describe("The department's own case number"),
        name: nameText(200).describe('The case name'),
      })
      .strict(),
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
    reference: z.string().max(100).optional().describe('The caller’s own reference for the item (a bidder number), echoed in the answer'),
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
    matter: z.object({ type: z.string(), typeName: z.string(), reference: z.string(), name: z.string() }),
    system: z.object({ clientId: z.string(), name: z.string() }).optional().describe("The department's system that ran the check (a machine client), absent when a person did"),
    lists: z.looseObject({ redListed: z.boolean(), blackListed: z.boolean(), dishonestDebtor: z.boolean() }),
    records: z.array(z.unknown()),
    reports: z.array(z.unknown()),
    measures: z.array(measure),
    outcome: z.unknown().nullable(),
    corrections: z
      .array(checkCorrectionBody)
      .optional()
      .describe('Records the check showed that a case later corrected, revoked or repaired (GET /checks, GET /checks/{id})'),
    warnings: warningsBody.describe('POST /checks: warnings about body.subjectId (present only when there is one)'),
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

/** A problem the verification of a usage-log chain found (shared/checks/verify-chain.ts `ChainProblem`). */
export const chainProblemBody = z
  .object({
    position: z.number().int().describe('Position in the chain (link sequence number) the problem is at'),
    checkId: z.string().optional(),
    problem: z
      .enum(['gap', 'hash-mismatch', 'prev-hash-mismatch', 'content-mismatch', 'entry-missing', 'outcome-mismatch', 'duplicate-entry', 'link-missing'])
      .describe('gap: a link deleted; hash-mismatch, prev-hash-mismatch: a link edited; content-mismatch: the check edited; entry-missing: the check deleted; outcome-mismatch: the outcome edited or removed; link-missing: the check’s link deleted'),
    detail: z.string(),
  })
  .meta({ id: 'ChainProblem' });

const chainHash = z.string().regex(/^[0-9a-f]{64}$/);
export const checkChainReceiptBody = z
  .object({
    checkId: z.string(),
    organisation: z.string().describe('The department whose usage-log chain logs the check'),
    status: z.enum(['chained', 'unchained']).describe('unchained: logged before the department’s chain began, or its link is gone (see the problems)'),
    chain: z
      .object({ position: z.number().int(), hash: chainHash, prevHash: chainHash, contentHash: chainHash, at: z.string() })
      .nullable()
      .describe('The link that logged the check: hash = sha256(prevHash \\n position \\n "check" \\n checkId \\n contentHash)'),
    head: z.object({ position: z.number().int(), hash: chainHash }).nullable().describe('The last link of the chain as verified: keep it to notice a chain that later became shorter'),
    verification: z.object({
      verified: z.boolean(),
      entriesChecked: z.number().int().describe('Links recomputed (checks and outcome revisions)'),
      problems: z.array(chainProblemBody),
      verifiedAt: z.string(),
    }),
    check: checkReceiptBody.describe('The check as GET /checks/{id} shows it'),
  })
  .meta({ id: 'CheckChainReceipt' });
