import { describe, expect, it } from 'vitest';
import type { CheckLogEntry } from '../../shared/checks/port.ts';
import { accountabilityCandidates, coveringCheck, departmentCoverage, subjectShown, unexplainedPunishments } from '../../shared/coverage/coverage-rules.ts';
import type { StoredMatter } from '../../shared/coverage/matter-handled.ts';
import { monthDays, previousMonth } from '../../shared/coverage/months.ts';
import { normaliseDay, readMatterRow } from '../../shared/coverage/upload-matters.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const validUscc = `91410425MA5CMT001${usccCheckCharacter('91410425MA5CMT001')}`;

const org = 'dept-market';
const company = { id: '91410425MA5CMT0010', type: 'uscc' as const, maskedId: '91410425MA5CMT0010', name: '郏县示范有限公司' };
const person = { id: 'P_ABCDEFG', type: 'residentId' as const, maskedId: '410425********1234', name: '张三丰' };

const matter = (over: Partial<StoredMatter> = {}): StoredMatter => ({
  departmentOrgId: org,
  reference: 'XK-1',
  itemId: 'XK-01',
  subject: company,
  decidedOn: '2026-11-20',
  via: 'api',
  firstReportedAt: '2026-11-20T02:00:00Z',
  reportedAt: '2026-11-20T02:00:00Z',
  reportedBy: 'u',
  revision: 1,
  ...over,
});

const punishment = { measureId: 'restrict-bidding', kind: 'punishment' as const, name: '限制参与招投标', description: '', clause: '', basis: 'records' as const, restsOn: [], suspended: false };
const check = (over: Partial<CheckLogEntry> & { listItemId?: string; reference?: string } = {}): CheckLogEntry => {
  const { listItemId, reference, ...rest } = over;
  return {
    checkId: 'chk_aaaaaaaaaaaaaaaaaaaaaa',
    checkedAt: '2026-11-18T02:00:00Z',
    checkedOn: '2026-11-18',
    departmentOrgId: org,
    userId: 'u',
    subject: { id: company.id, type: 'uscc', maskedId: company.id, name: company.name, known: true },
    matter: { type: 'administrative-approval', typeName: '行政审批', reference: reference ?? 'other', name: '食品经营许可', ...(listItemId ? { listItem: { itemId: listItemId, name: '食品经营许可', listVersion: 1, checkRequired: true, reportRequired: false } } : {}) },
    records: [],
    lists: { redListed: false, blackListed: false, dishonestDebtor: false },
    measures: [],
    reports: [],
    outcome: null,
    ...rest,
  };
};

const items = [
  { itemId: 'XK-01', name: '食品经营许可', checkRequired: true },
  { itemId: 'CG-01', name: '政府采购', checkRequired: true },
  { itemId: 'JL-01', name: '评优评先', checkRequired: false },
];

describe('the check that covers a matter', () => {
  it('is a check of the same subject naming the same item, on or before the decision day and within the lookback', () => {
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01' })], 30)).toBeDefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', checkedOn: '2026-11-20' })], 30)).toBeDefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', checkedOn: '2026-11-21' })], 30)).toBeUndefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', checkedOn: '2026-10-21' })], 30)).toBeDefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', checkedOn: '2026-10-20' })], 30)).toBeUndefined();
  });
  it('or the same case number, or the check the matter names; never another subject, department or an institution’s query', () => {
    expect(coveringCheck(matter(), [check({ reference: 'XK-1' })], 30)).toBeDefined();
    expect(coveringCheck(matter({ checkId: 'chk_bbbbbbbbbbbbbbbbbbbbbb' }), [check({ checkId: 'chk_bbbbbbbbbbbbbbbbbbbbbb' })], 30)).toBeDefined();
    expect(coveringCheck(matter(), [check()], 30)).toBeUndefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'CG-01' })], 30)).toBeUndefined();
    expect(coveringCheck(matter({ subject: person }), [check({ listItemId: 'XK-01' })], 30)).toBeUndefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', departmentOrgId: 'dept-tax' })], 30)).toBeUndefined();
    expect(coveringCheck(matter(), [check({ listItemId: 'XK-01', kind: 'query' })], 30)).toBeUndefined();
  });
});

describe('coverage of a department’s month', () => {
  const matters = [
    matter({ reference: 'XK-1' }),
    matter({ reference: 'XK-2', subject: { ...company, id: '91410425MA5CMT0029', maskedId: '91410425MA5CMT0029' } }),
    matter({ reference: 'ZZ-1', itemId: 'ZZ-99' }),
  ];
  const result = departmentCoverage({ orgId: org, name: '市场监管局', items, matters, checks: [check({ listItemId: 'XK-01' })], lookbackDays: 30 });

  it('counts per item of the list, with items of nothing handled shown (coverage null)', () => {
    expect(result.items.find((i) => i.itemId === 'XK-01')).toMatchObject({ handled: 2, checked: 1, coverage: 0.5, inList: true });
    expect(result.items.find((i) => i.itemId === 'CG-01')).toMatchObject({ handled: 0, checked: 0, coverage: null, inList: true });
  });
  it('counts matters naming an item outside the list under their code, flagged, after the list’s', () => {
    expect(result.items.at(-1)).toMatchObject({ itemId: 'ZZ-99', handled: 1, checked: 0, inList: false });
    expect(result.items.at(-1)!.name).toContain('清单外');
  });
  it('totals the department', () => {
    expect(result).toMatchObject({ handled: 3, checked: 1 });
    expect(result.coverage).toBeCloseTo(1 / 3);
    expect(departmentCoverage({ orgId: org, name: 'x', items, matters: [], checks: [], lookbackDays: 30 }).coverage).toBeNull();
  });
});

describe('accountability candidates', () => {
  const month = monthDays('2026-11');
  it('lists a matter decided without a check where its item requires one, not where it does not', () => {
    const list = accountabilityCandidates({
      orgId: org,
      department: '市场监管局',
      month,
      items,
      matters: [matter({ reference: 'XK-1' }), matter({ reference: 'JL-1', itemId: 'JL-01' }), matter({ reference: 'ZZ-1', itemId: 'ZZ-99' })],
      checks: [],
      lookbackDays: 30,
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'decidedWithoutCheck', reference: 'XK-1', matterName: '食品经营许可', date: '2026-11-20', itemId: 'XK-01', department: '市场监管局' });
    expect(list[0]!.detail).toContain('未见对该主体的信用核查');
  });
  it('lists a check whose offered punishment was neither applied nor explained; not one applied, explained or suspended', () => {
    const outcome = { usage: '参考', appliedMeasures: [], decision: 'approved' as const, recordedAt: 'x', recordedBy: 'u' };
    const unexplained = check({ checkId: 'chk_1', measures: [punishment], outcome });
    const none = check({ checkId: 'chk_2', measures: [punishment] });
    const applied = check({ checkId: 'chk_3', measures: [punishment], outcome: { ...outcome, appliedMeasures: [{ measureId: punishment.measureId, name: punishment.name, kind: 'punishment' }] } });
    const explained = check({ checkId: 'chk_4', measures: [punishment], outcome: { ...outcome, notAppliedMeasures: [{ measureId: punishment.measureId, name: punishment.name, kind: 'punishment', reason: '已整改' }] } });
    const suspended = check({ checkId: 'chk_5', measures: [{ ...punishment, suspended: true }], outcome });
    const lastMonth = check({ checkId: 'chk_6', checkedOn: '2026-10-31', measures: [punishment], outcome });
    expect(unexplainedPunishments(unexplained)).toEqual([{ measureId: 'restrict-bidding', name: '限制参与招投标' }]);
    const list = accountabilityCandidates({ orgId: org, department: '市场监管局', month, items, matters: [], checks: [unexplained, none, applied, explained, suspended, lastMonth], lookbackDays: 30 });
    expect(list.map((c) => c.checkId).sort()).toEqual(['chk_1', 'chk_2']);
    expect(list.find((c) => c.checkId === 'chk_1')!.detail).toContain('既未适用，也未说明');
    expect(list.find((c) => c.checkId === 'chk_2')!.detail).toContain('尚未登记核查结果');
  });
  it('shows a person masked: the name and the number', () => {
    expect(subjectShown(person)).toBe('张**（410425********1234）');
    expect(subjectShown(company)).toBe('郏县示范有限公司（91410425MA5CMT0010）');
  });
});

describe('a row of the monthly upload', () => {
  const row = (cells: Record<string, string>) => ({ row: 7, cells, values: Object.values(cells) });
  const good = { 事项清单编号: 'XK-01', 办件编号: 'XK-9', 主体代码: validUscc, 主体名称: '郏县示范有限公司', 办结日期: '2026/11/5' };
  it('reads dates as clerks type them', () => {
    expect(normaliseDay('2026/11/5')).toBe('2026-11-05');
    expect(normaliseDay('2026年11月5日')).toBe('2026-11-05');
  });
  it('refuses a missing cell or a day outside the month, naming row and column', () => {
    const { 办件编号: _, ...noReference } = good;
    expect(readMatterRow(row(noReference), '2026-11', '2026-12-01')).toEqual({ refused: { row: 7, column: '办件编号', field: 'reference', message: '必须填写' } });
    expect(readMatterRow(row({ ...good, 办结日期: '2026-10-31' }), '2026-11', '2026-12-01')).toMatchObject({ refused: { column: '办结日期', field: 'decidedOn' } });
    expect(readMatterRow(row({ ...good, 办结日期: '2026-11-30' }), '2026-11', '2026-11-20')).toMatchObject({ refused: { column: '办结日期', message: 'must not be after today' } });
  });
  it('previous month', () => expect(previousMonth('2027-01')).toBe('2026-12'));
});
