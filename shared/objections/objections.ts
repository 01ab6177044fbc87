import type * as z from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import type { answerObjectionBody, listCasesQuery, raiseObjectionBody } from '../cases/api.ts';
import { addCaseEvidence, answerCase, listCases, raiseCase, readCase } from '../cases/port.ts';
import type { addObjectionEvidenceBody } from './api.ts';

/**
 * Objections (异议): a subject contests a record; every punishment resting on it is suspended while the
 * providing department verifies it (upheld, corrected or revoked), on the case kernel and its workflow
 * (shared/cases/), which objections and repairs share.
 */
type Request = { caller: Caller; county: CountyConfig; now: Date };

export const raiseObjection = (args: Request & { body: z.output<typeof raiseObjectionBody> }) => raiseCase({ caseType: 'objection', ...args });

export const addObjectionEvidence = (args: Request & { caseId: string; body: z.output<typeof addObjectionEvidenceBody> }) =>
  addCaseEvidence({ caseType: 'objection', caseId: args.caseId, files: args.body.evidence, caller: args.caller, county: args.county, now: args.now });

export const answerObjection = (args: Request & { caseId: string; body: z.output<typeof answerObjectionBody> }) => answerCase({ caseType: 'objection', ...args });

export const readObjection = (args: { caseId: string; caller: Caller }) => readCase({ caseType: 'objection', ...args });

export const listObjections = (args: { query: z.output<typeof listCasesQuery>; caller: Caller }) => listCases({ caseType: 'objection', ...args });
