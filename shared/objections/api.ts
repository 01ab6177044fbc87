import * as z from 'zod';
import { caseBody, evidenceFile, evidenceUploadsBody } from '../cases/api.ts';

/**
 * The objections capability's own schemas; those it shares with repairs (raising, answering, the case) are
 * the case kernel's (shared/cases/api.ts).
 */
export const addObjectionEvidenceBody = z
  .object({
    evidence: z
      .array(evidenceFile)
      .min(1, 'must name at least one file')
      .max(20)
      .describe("Files to add to the open objection; with those it holds, at most the county's cases.maxEvidenceFiles"),
  })
  .strict();

export const addObjectionEvidenceResult = z.object({
  case: caseBody,
  evidenceUploads: evidenceUploadsBody,
});
