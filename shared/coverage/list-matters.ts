import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { forbidden, notFound, validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { listMattersQuery, matterQuery } from './api.ts';
import { presentMatter } from './matter-handled.ts';
import { getMatter, mattersDecidedBetween } from './matter-store.ts';
import { monthDays, monthOf } from './months.ts';

/** Whose matters a caller reads: a department its own (naming another is 403), the credit office the department it names. */
export function departmentRead(caller: Caller, department: string | undefined, field: string): string {
  if (caller.role === 'department') {
    if (department !== undefined && department !== caller.orgId) throw forbidden('a department reads its own matters and coverage only');
    return caller.orgId;
  }
  if (!department) throw validationFailed(field, 'the credit office names the department');
  return department;
}

/** GET /matters?month=&itemId=: a department's matters decided in a month, by decision day (one key range). */
export async function listMatters(args: { query: z.output<typeof listMattersQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const orgId = departmentRead(args.caller, args.query.department, 'query.department');
  const month = args.query.month ?? monthOf(localDate(args.now, args.county.timeZone));
  const { first, last } = monthDays(month);
  const matters = await mattersDecidedBetween(orgId, first, last);
  return { month, matters: matters.filter((m) => !args.query.itemId || m.itemId === args.query.itemId).map(presentMatter) };
}

/** GET /matters/{reference}: one matter of the department (another department's reference is simply not found). */
export async function readMatter(args: { reference: string; query: z.output<typeof matterQuery>; caller: Caller }) {
  const orgId = departmentRead(args.caller, args.query.department, 'query.department');
  const matter = await getMatter(orgId, args.reference);
  if (!matter) throw notFound(`matter ${args.reference}`);
  return presentMatter(matter);
}
