import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { forbidden } from '../errors/domain-errors.ts';
import type { listCommitmentsQuery } from './api.ts';
import { presentCommitment } from './commitment.ts';
import { allOpenCommitments, departmentCommitments } from './commitment-store.ts';

/**
 * GET /commitments: a department's own commitments, by due day (filter by state); the credit office one
 * department's, or every department's open ones (who has commitments to follow up).
 */
export async function listCommitments(args: { query: z.output<typeof listCommitmentsQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { query, caller } = args;
  if (caller.role === 'department' && query.department !== undefined && query.department !== caller.orgId) throw forbidden('a department lists its own commitments only');
  const department = caller.role === 'department' ? caller.orgId : query.department;
  const all = department ? await departmentCommitments(department) : await allOpenCommitments();
  const today = localDate(args.now, args.county.timeZone);
  const shown = all.filter((c) => !query.state || c.state === query.state).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.recordId.localeCompare(b.recordId));
  return { commitments: shown.map((c) => presentCommitment(c, today)) };
}
