import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { inPool } from '../lambda/in-pool.ts';
import type { reportMattersBody } from './api.ts';
import { storeMatter } from './store-matter.ts';

/**
 * POST /matters: a department's system (scope `matters:report`) or a clerk reports matters handled (办件). Each is
 * stored under the department and its case number: the same reference again updates it (a retry, a correction),
 * never a second matter. A reference twice in one request, or a decision after today, is refused naming the field.
 */
export async function reportMatters(args: { body: z.output<typeof reportMattersBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const seen = new Map<string, number>();
  args.body.matters.forEach((m, i) => {
    if (m.decidedOn > today) throw validationFailed(`body.matters.${i}.decidedOn`, `must not be after today (${today})`);
    const first = seen.get(m.reference);
    if (first !== undefined) throw validationFailed(`body.matters.${i}.reference`, `is reported twice in this request (also at body.matters.${first})`);
    seen.set(m.reference, i);
  });
  const stored = await inPool(
    8,
    args.body.matters.map((m) => () => storeMatter(m, 'api', args.caller, args.now)),
  );
  return { results: stored.map(({ matter, created }) => ({ reference: matter.reference, created, revision: matter.revision })) };
}
