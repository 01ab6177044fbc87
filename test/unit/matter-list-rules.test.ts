import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors/domain-errors.ts';
import { statusOfKind } from '../../shared/http/error-status.ts';
import type { ApplicableMeasure } from '../../shared/checks/select-measures.ts';
import { notAppliedMeasures } from '../../shared/checks/outcome-measures.ts';
import { checkedListItem, measuresOfItem, presentReportRequirement } from '../../shared/checks/list-item.ts';
import { checkListItems, stateOf, type MatterListItem } from '../../shared/matter-lists/matter-list.ts';
import { submitMatterListBody } from '../../shared/matter-lists/api.ts';

/** The rules of matter lists (事项清单) and of the checks and outcomes that name them: pure, no emulator. */
const county = {
  matterTypes: [{ id: 'procurement' }, { id: 'fund-support' }],
  measures: [{ id: 'dishonesty-punishment' }, { id: 'good-credit-facilitation' }, { id: 'procurement-refusal' }],
} as unknown as Parameters<typeof checkListItems>[1];

const item = (itemId: string, fields: Partial<MatterListItem> = {}): MatterListItem => ({
  itemId,
  matterType: 'procurement',
  name: `事项 ${itemId}`,
  legalBasis: '《政府采购法》第二十二条',
  checkRequired: true,
  reportRequired: false,
  measures: [],
  ...fields,
});

const offered = (measureId: string, kind: 'incentive' | 'punishment' = 'punishment'): ApplicableMeasure => ({
  measureId,
  kind,
  name: `措施 ${measureId}`,
  description: '说明',
  clause: '通知 二、(一)',
  basis: 'records',
  restsOn: [],
  suspended: false,
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

describe('a version of a matter list follows the county rules', () => {
  it('takes items of the county matter types and measures', () => {
    expect(() => checkListItems([item('A-1', { measures: ['dishonesty-punishment'] }), item('A-2', { matterType: 'fund-support' })], county)).not.toThrow();
  });

  it('an item code twice: 400 DUPLICATE_LIST_ITEM naming the second place', () => {
    const r = refusal(() => checkListItems([item('A-1'), item('A-2'), item('A-1')], county));
    expect(r).toMatchObject({ status: 400, code: 'DUPLICATE_LIST_ITEM', field: 'body.items.2.itemId' });
    expect(r.message).toContain('body.items.0.itemId');
  });

  it('a matter type the county does not have, a measure not in its catalog: 400 naming the field', () => {
    expect(refusal(() => checkListItems([item('A-1'), item('A-2'), item('A-3'), item('A-4', { matterType: 'lottery' })], county))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.items.3.matterType' });
    expect(refusal(() => checkListItems([item('A-1', { measures: ['dishonesty-punishment', 'no-such'] })], county))).toMatchObject({ status: 400, field: 'body.items.0.measures.1' });
    expect(refusal(() => checkListItems([item('A-1', { measures: ['dishonesty-punishment', 'dishonesty-punishment'] })], county))).toMatchObject({ status: 400, field: 'body.items.0.measures.1' });
  });

  it('the schema refuses an empty list, a bad code and a blank legal basis, naming the field', () => {
    expect(submitMatterListBody.safeParse({ items: [] }).success).toBe(false);
    const bad = submitMatterListBody.safeParse({ items: [{ ...item('有 空格'), legalBasis: ' ' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['items.0.itemId', 'items.0.legalBasis']));
  });

  it('the state of a list: none, or the latest version’s with the version in force and the pending one', () => {
    expect(stateOf(undefined)).toEqual({ state: 'none' });
    const inForce = { orgId: 'dept-a', version: 1, approvedAt: '2026-12-01T02:00:00.000Z', items: [item('A-1')] };
    expect(stateOf({ orgId: 'dept-a', latestVersion: 2, state: 'submitted', pendingVersion: 2, inForce, firstApprovedOn: '2026-12-01', updatedAt: 'x' })).toEqual({
      state: 'submitted',
      latestVersion: 2,
      inForceVersion: 1,
      inForceApprovedAt: '2026-12-01T02:00:00.000Z',
      firstApprovedOn: '2026-12-01',
      pendingVersion: 2,
    });
  });
});

describe('a check names an item of the list in force', () => {
  const list = { orgId: 'dept-a', version: 3, approvedAt: '2026-12-01T02:00:00.000Z', items: [item('A-1', { reportRequired: true, measures: ['procurement-refusal'] }), item('A-2', { matterType: 'fund-support' })] };

  it('answers the item as the usage log keeps it, with the list version', () => {
    expect(checkedListItem(list, { type: 'procurement', listItem: 'A-1' }).logged).toEqual({ itemId: 'A-1', name: '事项 A-1', listVersion: 3, checkRequired: true, reportRequired: true });
  });

  it('no list in force, or an item not in it: 400 LIST_ITEM_NOT_IN_FORCE on body.matter.listItem', () => {
    expect(refusal(() => checkedListItem(undefined, { type: 'procurement', listItem: 'A-1' }))).toMatchObject({ status: 400, code: 'LIST_ITEM_NOT_IN_FORCE', field: 'body.matter.listItem' });
    expect(refusal(() => checkedListItem(list, { type: 'procurement', listItem: 'A-9' }))).toMatchObject({ status: 400, code: 'LIST_ITEM_NOT_IN_FORCE', field: 'body.matter.listItem' });
  });

  it('another matter type than the item’s: 400 LIST_ITEM_MATTER_TYPE on body.matter.type', () => {
    const r = refusal(() => checkedListItem(list, { type: 'procurement', listItem: 'A-2' }));
    expect(r).toMatchObject({ status: 400, code: 'LIST_ITEM_MATTER_TYPE', field: 'body.matter.type' });
    expect(r.message).toContain('fund-support');
  });

  it('offers only the measures the item names among those selected; all when it names none', () => {
    const selected = [offered('procurement-refusal'), offered('dishonesty-punishment')];
    expect(measuresOfItem(selected, list.items[0]).map((m) => m.measureId)).toEqual(['procurement-refusal']);
    expect(measuresOfItem(selected, list.items[1]).map((m) => m.measureId)).toEqual(['procurement-refusal', 'dishonesty-punishment']);
    expect(measuresOfItem(selected, undefined)).toHaveLength(2);
  });

  it('a report requirement not satisfied says so in Chinese', () => {
    expect(presentReportRequirement({ required: true, satisfied: false })).toEqual({ required: true, satisfied: false, message: '本事项须查验第三方信用报告，当前无有效报告' });
    expect(presentReportRequirement({ required: true, satisfied: true })).toEqual({ required: true, satisfied: true });
  });
});

describe('an outcome explains the offered measures it did not apply', () => {
  const catalog = [{ id: 'procurement-refusal' }, { id: 'dishonesty-punishment' }, { id: 'good-credit-facilitation' }] as Parameters<typeof notAppliedMeasures>[3];
  const checkOffered = [offered('procurement-refusal'), offered('dishonesty-punishment')];

  it('keeps each with the name and kind the check offered it under, and its reason', () => {
    expect(notAppliedMeasures(checkOffered, [{ measureId: 'dishonesty-punishment', reason: '  已纠正失信行为  ' }], [{ measureId: 'procurement-refusal' }], catalog)).toEqual([
      { measureId: 'dishonesty-punishment', name: '措施 dishonesty-punishment', kind: 'punishment', reason: '已纠正失信行为' },
    ]);
  });

  it('a measure not offered: 409 MEASURE_NOT_OFFERED; not in the catalog: 400; both applied and not: 400', () => {
    expect(refusal(() => notAppliedMeasures(checkOffered, [{ measureId: 'good-credit-facilitation', reason: '无' }], [], catalog))).toMatchObject({
      status: 409,
      code: 'MEASURE_NOT_OFFERED',
      field: 'body.notAppliedMeasures.0.measureId',
    });
    expect(refusal(() => notAppliedMeasures(checkOffered, [{ measureId: 'nope', reason: '无' }], [], catalog))).toMatchObject({ status: 400, field: 'body.notAppliedMeasures.0.measureId' });
    expect(refusal(() => notAppliedMeasures(checkOffered, [{ measureId: 'procurement-refusal', reason: '无' }], [{ measureId: 'procurement-refusal' }], catalog))).toMatchObject({
      status: 400,
      code: 'MEASURE_APPLIED_AND_NOT_APPLIED',
      field: 'body.notAppliedMeasures.0.measureId',
    });
    expect(refusal(() => notAppliedMeasures(checkOffered, [{ measureId: 'procurement-refusal', reason: '一' }, { measureId: 'procurement-refusal', reason: '二' }], [], catalog))).toMatchObject({
      status: 400,
      field: 'body.notAppliedMeasures.1.measureId',
    });
  });
});
