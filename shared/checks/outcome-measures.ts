import type { CountyConfig } from '../config/county-config.ts';
import { MeasureNotOffered, MeasureSuspended, validationFailed } from '../errors/domain-errors.ts';
import type { ApplicableMeasure } from './select-measures.ts';
import type { CheckOutcome } from './check-log-entry.ts';

/** A measure of the catalog that the check did not offer for its subject and matter. */
export const measureNotOffered = (field: string, measureId: string) =>
  new MeasureNotOffered(`measure ${measureId} was not among the measures the check offered: an outcome records only those`, field);

/** A punishment the check offered suspended: every record it rests on was under objection (003 §二(五)). */
export const measureSuspended = (field: string, measure: ApplicableMeasure) =>
  new MeasureSuspended(`measure ${measure.measureId} was suspended at the check (objection ${(measure.suspendedBy ?? []).join(', ') || 'pending'}): it may not be applied while the provider verifies`,
    field,
  );

/**
 * The measures an outcome records, checked against what the check offered (pure). Each must be one the
 * check offered and that was in force at the check: a punishment shown `suspended` is not (one shown
 * `inForceDespiteObjection` is). Named and described as the check offered it (the catalog may change
 * later). An id the county catalog does not know at all is a bad request (400), not a conflict.
 */
export function outcomeMeasures(
  offered: readonly ApplicableMeasure[],
  applied: readonly { measureId: string; note?: string }[],
  catalog: CountyConfig['measures'],
): CheckOutcome['appliedMeasures'] {
  return applied.map((m, i) => {
    const field = `body.appliedMeasures.${i}.measureId`;
    const measure = offered.find((o) => o.measureId === m.measureId);
    if (!measure) {
      if (!catalog.some((c) => c.id === m.measureId)) throw validationFailed(field, 'is not a measure of the county catalog');
      throw measureNotOffered(field, m.measureId);
    }
    if (measure.suspended) throw measureSuspended(field, measure);
    return { measureId: measure.measureId, name: measure.name, kind: measure.kind, ...(m.note ? { note: m.note } : {}) };
  });
}
