import type { z } from 'zod';
import type { checkOutcomeBody } from '../api/checks.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { forbidden, notFound, validationFailed } from '../http/errors.ts';
import { getCheck, saveOutcome } from './check-store.ts';
import type { CheckOutcome } from './check-log-entry.ts';

/** Records what the department did with a check: only the department that ran it, measures from the catalog. */
export async function recordOutcome(args: { checkId: string; body: z.output<typeof checkOutcomeBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const applied = args.body.appliedMeasures.map((m, i) => {
    const measure = args.county.measures.find((c) => c.id === m.measureId);
    if (!measure) throw validationFailed(`body.appliedMeasures.${i}.measureId`, `is not a measure of the county catalog`);
    return { measureId: measure.id, name: measure.name, kind: measure.kind, ...(m.note ? { note: m.note } : {}) };
  });
  const outcome: CheckOutcome = {
    usage: args.body.usage,
    appliedMeasures: applied,
    decision: args.body.decision,
    ...(args.body.note ? { note: args.body.note } : {}),
    recordedAt: args.now.toISOString(),
    recordedBy: args.caller.userId,
  };
  const saved = await saveOutcome(args.checkId, args.caller.orgId, outcome);
  if (saved === 'notFound') throw notFound(`check ${args.checkId}`);
  if (saved === 'notYours') throw forbidden('only the department that ran a check may record its outcome');
  return (await getCheck(args.checkId))!;
}
