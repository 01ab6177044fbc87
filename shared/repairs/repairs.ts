import type * as z from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import type { decideRepairBody, listCasesQuery, requestRepairBody } from '../cases/api.ts';
import { answerCase, listCases, raiseCase, readCase } from '../cases/port.ts';

/**
 * Credit repair (信用修复): a subject that corrected its conduct and gives a credit commitment asks that a
 * record leave publicity early; the providing department decides (repaired or refused), on the case
 * kernel and its workflow (shared/cases/), which objections and repairs share.
 */
type Request = { caller: Caller; county: CountyConfig; now: Date };

export const requestRepair = (args: Request & { body: z.output<typeof requestRepairBody> }) => raiseCase({ caseType: 'repair', ...args });

export const decideRepair = (args: Request & { caseId: string; body: z.output<typeof decideRepairBody> }) => answerCase({ caseType: 'repair', ...args });

export const readRepair = (args: { caseId: string; caller: Caller }) => readCase({ caseType: 'repair', ...args });

export const listRepairs = (args: { query: z.output<typeof listCasesQuery>; caller: Caller }) => listCases({ caseType: 'repair', ...args });
