import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors/domain-errors.ts';
import { statusOfKind } from '../../shared/http/error-status.ts';
import type { ApplicableMeasure } from '../../shared/checks/select-measures.ts';
import { outcomeMeasures } from '../../shared/checks/outcome-measures.ts';

/** A small catalog: what outcomeMeasures reads of it is the ids. */
const catalog = [{ id: 'procurement-refusal' }, { id: 'priority-handling' }, { id: 'dishonesty-punishment' }] as Parameters<typeof outcomeMeasures>[2];

const offered = (measureId: string, fields: Partial<ApplicableMeasure> = {}): ApplicableMeasure => ({
  measureId,
  kind: 'punishment',
  name: `措施 ${measureId}`,
  description: '说明',
  clause: '通知 二、(一)',
  basis: 'records',
  restsOn: [{ recordId: 'rec_1', kind: 'blackList', decisionDate: '2026-03-01', status: 'active' }],
  suspended: false,
  ...fields,
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { status: statusOfKind[error.kind], code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('outcomeMeasures: an outcome records only what the check offered, in force at the check', () => {
  it('records an offered measure as the check named it, with its note', () => {
    expect(outcomeMeasures([offered('procurement-refusal')], [{ measureId: 'procurement-refusal', note: '不予采购' }], catalog)).toEqual([
      { measureId: 'procurement-refusal', name: '措施 procurement-refusal', kind: 'punishment', note: '不予采购' },
    ]);
    expect(outcomeMeasures([offered('procurement-refusal')], [], catalog)).toEqual([]);
  });

  it('a measure of the catalog the check did not offer: 409 MEASURE_NOT_OFFERED naming it and its place', () => {
    expect(refusal(() => outcomeMeasures([offered('procurement-refusal')], [{ measureId: 'procurement-refusal' }, { measureId: 'priority-handling' }], catalog))).toMatchObject({
      status: 409,
      code: 'MEASURE_NOT_OFFERED',
      field: 'body.appliedMeasures.1.measureId',
      message: expect.stringContaining('priority-handling'),
    });
  });

  it('a punishment the check showed suspended under objection: 409 MEASURE_SUSPENDED naming it and the objection', () => {
    const suspended = offered('procurement-refusal', { suspended: true, suspendedBy: ['obj_1'] });
    expect(refusal(() => outcomeMeasures([suspended], [{ measureId: 'procurement-refusal' }], catalog))).toMatchObject({
      status: 409,
      code: 'MEASURE_SUSPENDED',
      field: 'body.appliedMeasures.0.measureId',
      message: expect.stringMatching(/procurement-refusal.*obj_1/),
    });
  });

  it('a punishment kept in force despite an objection (inForceDespiteObjection) is in force', () => {
    const kept = offered('dishonesty-punishment', { inForceDespiteObjection: [{ recordId: 'rec_1', objectionId: 'obj_2', reason: '法院名单', clause: '法释〔2017〕7号 第十二条' }] });
    expect(outcomeMeasures([kept], [{ measureId: 'dishonesty-punishment' }], catalog).map((m) => m.measureId)).toEqual(['dishonesty-punishment']);
  });

  it('an id the county catalog does not know is a bad request (400), not a conflict; one the check offered counts even if the catalog dropped it since', () => {
    expect(refusal(() => outcomeMeasures([], [{ measureId: 'no-such' }], catalog))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.appliedMeasures.0.measureId' });
    expect(outcomeMeasures([offered('retired-measure')], [{ measureId: 'retired-measure' }], catalog)).toHaveLength(1);
  });
});
