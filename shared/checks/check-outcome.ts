import type { z } from 'zod';
import type { checkOutcomeBody } from './api.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { accessPolicy } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { forbidden, notFound } from '../errors/domain-errors.ts';
import { getCheck, saveOutcome } from './check-store.ts';
import type { CheckOutcome } from './check-log-entry.ts';
import { notAppliedMeasures, outcomeMeasures } from './outcome-measures.ts';
import { presentCheck } from './present-check.ts';

/**
 * PUT /checks/{id}/outcome: what the department that ran a check did with it. A check the caller may not
 * see is 404, as GET answers (its existence is not another department's business); the measures are those
 * the check offered and that were in force at the check, and those offered and not applied each give a reason
 * (outcome-measures.ts). Answers the check as GET
 * /checks/{id} shows it.
 */
export async function recordOutcome(args: { checkId: string; body: z.output<typeof checkOutcomeBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { checkId, caller } = args;
  const check = await getCheck(checkId);
  if (!check || !accessPolicy.seeCheck(caller, check)) throw notFound(`check ${checkId}`);
  if (!accessPolicy.recordCheckOutcome(caller, check)) throw forbidden('only the department that ran a check may record its outcome');
  const outcome: CheckOutcome = {
    usage: args.body.usage,
    appliedMeasures: outcomeMeasures(check.measures ?? [], args.body.appliedMeasures, args.county.measures),
    ...(args.body.notAppliedMeasures.length > 0
      ? { notAppliedMeasures: notAppliedMeasures(check.measures ?? [], args.body.notAppliedMeasures, args.body.appliedMeasures, args.county.measures) }
      : {}),
    decision: args.body.decision,
    ...(args.body.note ? { note: args.body.note } : {}),
    recordedAt: args.now.toISOString(),
    recordedBy: caller.userId,
    ...(caller.system ? { recordedBySystem: caller.system } : {}),
  };
  // The store's write is conditional on the department too: what a race could change, it refuses.
  const saved = await saveOutcome(checkId, caller.orgId, outcome, args.county.id);
  if (saved !== 'saved') throw notFound(`check ${checkId}`);
  return presentCheck((await getCheck(checkId))!, args);
}
