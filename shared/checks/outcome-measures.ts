import type { CountyConfig } from '../config/county-config.ts';
import { MeasureAppliedAndNotApplied, MeasureNotOffered, MeasureSuspended, validationFailed } from '../errors/domain-errors.ts';
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

/**
 * The offered measures an outcome did not apply, each with its reason (不予适用的理由; pure): each one the check
 * offered (409 MEASURE_NOT_OFFERED, as for applied ones), named once, and not also applied (400
 * MEASURE_APPLIED_AND_NOT_APPLIED); named and kinded as the check offered it. The reason's rules are the schema's.
 */
export function notAppliedMeasures(
  offered: readonly ApplicableMeasure[],
  notApplied: readonly { measureId: string; reason: string }[],
  applied: readonly { measureId: string }[],
  catalog: CountyConfig['measures'],
): NonNullable<CheckOutcome['notAppliedMeasures']> {
  const seen = new Map<string, number>();
  return notApplied.map((m, i) => {
    const field = `body.notAppliedMeasures.${i}.measureId`;
    const measure = offered.find((o) => o.measureId === m.measureId);
    if (!measure) {
      if (!catalog.some((c) => c.id === m.measureId)) throw validationFailed(field, 'is not a measure of the county catalog');
      throw measureNotOffered(field, m.measureId);
    }
    const first = seen.get(m.measureId);
    if (first !== undefined) throw validationFailed(field, `measure ${m.measureId} is already body.notAppliedMeasures.${first}: one reason per measure`);
    seen.set(m.measureId, i);
    const alsoApplied = applied.findIndex((a) => a.measureId === m.measureId);
    if (alsoApplied >= 0)
      throw new MeasureAppliedAndNotApplied(`${field}: measure ${m.measureId} is also body.appliedMeasures.${alsoApplied}: a measure is applied or not applied, not both`, field);
    const reason = m.reason.trim();
    if (reason === '') throw validationFailed(`body.notAppliedMeasures.${i}.reason`, 'must say why the measure was not applied');
    return { measureId: measure.measureId, name: measure.name, kind: measure.kind, reason };
  });
}
