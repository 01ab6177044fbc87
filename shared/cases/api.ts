import * as z from 'zod';
import { isoDate } from '../config/county-config.ts';
import { nameText } from '../http/input-text.ts';
import { caseIdPattern, caseStates, objectionOutcomes, repairOutcomes } from './case.ts';

const recordId = z.string().regex(/^rec_[A-Za-z0-9_-]{22}$/, 'must be a record id (rec_ and 22 characters)');

/** File types a subject may attach as evidence (scans and photos of documents). */
export const evidenceContentTypes = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

/** One file a subject announces as evidence: the presigned POST accepts exactly its type, up to its size. */
export const evidenceFile = z
  .object({
    fileName: nameText(200),
    contentType: z.enum(Object.keys(evidenceContentTypes) as [keyof typeof evidenceContentTypes, ...(keyof typeof evidenceContentTypes)[]]),
    bytes: z.number().int().positive().describe("The file's size; the presigned POST accepts exactly up to it"),
  })
  .strict();
const evidenceList = z.array(evidenceFile).max(20).default([]).describe('Files to upload with the presigned POSTs the answer returns');

export const raiseObjectionBody = z
  .object({
    recordId,
    reason: z.string().trim().min(1, 'must say what is wrong with the record').max(4000),
    evidence: evidenceList,
  })
  .strict();

export const requestRepairBody = z
  .object({
    recordId,
    reason: z.string().trim().min(1).max(4000).describe('Why the subject asks for repair'),
    commitment: z.string().trim().min(1, 'a credit commitment (信用承诺) is required').max(4000),
    correctiveActions: z.string().trim().min(1, 'must say how the conduct was corrected').max(4000),
    evidence: evidenceList,
  })
  .strict();

export const caseParams = z.object({ id: z.string().regex(caseIdPattern, 'must be a case id (obj_ or rep_ and 22 characters)') });

export const answerObjectionBody = z
  .object({
    outcome: z.enum(objectionOutcomes),
    reasoning: z.string().trim().min(1, 'must give the reasons of the verification').max(4000),
    correctedFields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("For `corrected`: the fields of the record that change, merged onto its current input (kind and decisionNumber cannot change)"),
  })
  .strict()
  .superRefine((body, ctx) => {
    const has = body.correctedFields !== undefined && Object.keys(body.correctedFields).length > 0;
    if (body.outcome === 'corrected' && !has) ctx.addIssue({ code: 'custom', path: ['correctedFields'], message: 'is required when the outcome is corrected' });
    if (body.outcome !== 'corrected' && body.correctedFields !== undefined)
      ctx.addIssue({ code: 'custom', path: ['correctedFields'], message: 'is only allowed when the outcome is corrected' });
  });

export const decideRepairBody = z
  .object({
    outcome: z.enum(repairOutcomes),
    reasoning: z.string().trim().min(1, 'must give the reasons of the decision').max(4000),
  })
  .strict();

export const listCasesQuery = z.object({
  state: z.enum(caseStates).optional().describe('Only cases in this state; the credit office without `provider`: every case in it, the longest there first (e.g. `stuck`, to restart)'),
  provider: z.string().min(1).max(64).optional().describe('Credit office: the cases of one providing department'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

const evidenceBody = z.object({
  evidenceId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  uploaded: z.boolean().optional().describe('Shown on a single case: whether the file arrived'),
  url: z.string().optional().describe('Short-lived link to the file, once uploaded and only if it passed the content check'),
  contentProblem: z
    .string()
    .optional()
    .describe('Why the uploaded file failed the content check (not what its type says; a PDF with JavaScript, a launch action or an embedded file): no link is given'),
});

export const caseBody = z
  .looseObject({
    caseId: z.string(),
    caseType: z.enum(['objection', 'repair']),
    state: z.enum(caseStates),
    record: z.object({ recordId: z.string(), kind: z.string(), decisionNumber: z.string(), version: z.number() }),
    subject: z.object({ id: z.string(), type: z.enum(['uscc', 'residentId']), name: z.string() }),
    providerOrgId: z.string(),
    raisedAt: z.string(),
    reason: z.string(),
    answerBy: isoDate.optional(),
    evidence: z.array(evidenceBody),
    history: z.array(z.object({ at: z.string(), event: z.string(), by: z.string().optional(), note: z.string().optional() })),
    answer: z.unknown().optional(),
    applied: z.unknown().optional(),
  })
  .meta({ id: 'Case' });

export const raiseCaseResult = z.object({
  case: caseBody,
  existing: z.boolean().describe('true: a case was already open on the record, and this is it'),
  evidenceUploads: z
    .array(z.object({ evidenceId: z.string(), upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }) }))
    .describe('POST each file as multipart/form-data with these fields, the file last'),
});

/** The presigned POSTs of the files a request announced, one per file. */
export const evidenceUploadsBody = raiseCaseResult.shape.evidenceUploads;

export const caseListBody = z.object({ cases: z.array(caseBody), nextToken: z.string().optional() });

/** The verification workflow, as the objection and repair routes that start it declare it. */
export { verificationWorkflow } from './workflows.ts';
