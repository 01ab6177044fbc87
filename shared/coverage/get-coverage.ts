import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { forbidden } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { accountabilityQuery, coverageQuery } from './api.ts';
import { accountabilityOfMonth, coverageOfMonth } from './coverage-of-month.ts';
import { accountabilityKindLabels } from './coverage-rules.ts';
import { monthOf } from './months.ts';

const monthOr = (month: string | undefined, county: CountyConfig, now: Date) => month ?? monthOf(localDate(now, county.timeZone));

/** GET /coverage?month=: the credit office every registered department (or `department=`), a department its own only. */
export async function getCoverage(args: { query: z.output<typeof coverageQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { caller, query } = args;
  if (caller.role === 'department' && query.department !== undefined && query.department !== caller.orgId) throw forbidden('a department reads its own coverage only');
  const department = caller.role === 'department' ? caller.orgId : query.department;
  const month = monthOr(query.month, args.county, args.now);
  const answer = await coverageOfMonth({ month, county: args.county, now: args.now, ...(department ? { department } : {}) });
  return { ...answer, lookbackDays: args.county.coverage.checkLookbackDays.days };
}

/** GET /accountability?month=: the credit office's list of accountability candidates (责任追究). */
export async function getAccountability(args: { query: z.output<typeof accountabilityQuery>; county: CountyConfig; now: Date }) {
  const month = monthOr(args.query.month, args.county, args.now);
  const candidates = await accountabilityOfMonth({ month, county: args.county, now: args.now });
  return { month, candidates: candidates.map((c) => ({ ...c, kindLabel: accountabilityKindLabels[c.kind] })) };
}
