import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { countiesDir, loadCounties, loadCounty } from '../../shared/config/load-counties.ts';
import { platformListRepairRules } from '../../shared/config/list-repair-rules.ts';
import { blackListNames } from '../../shared/config/list-names.ts';
import { notRepairableBecause } from '../../shared/cases/raise-case.ts';
import { publicityOf } from '../../shared/records/publicity.ts';
import { recordInput, type RecordInput } from '../../shared/records/record-input.ts';

/**
 * Credit repair of list entries (issue 16): order 36 counts list entries among the dishonesty information a
 * subject may repair; which lists, and after how long, is county data with where it comes from.
 */
const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
const county = loadCounty('jiaxian');
const rules = county.cases.repairableLists;

const common = {
  subject: { name: '某某商贸有限公司', category: 'legalPerson', uscc: '91410425MA45E8TH52' },
  decisionNumber: '郏税黑〔2026〕3号',
  authority: { name: '国家税务总局郏县税务局', uscc: '91350100M000100Y43' },
  sourceDepartment: '国家税务总局郏县税务局',
};
const listed = (listName: string, decisionDate: string, listedUntil: string): RecordInput =>
  recordInput.parse({ kind: 'blackList', ...common, decisionDate, listName, listingBasis: '列入依据', listedUntil });
const debtor = (): RecordInput =>
  recordInput.parse({ kind: 'dishonestDebtor', ...common, decisionDate: '2026-05-06', court: '郏县人民法院', caseNumber: '（2026）豫0425执1号', obligation: '支付货款', performanceStatus: 'unperformed' });

describe('which list entries credit repair takes off, and from when', () => {
  it('a serious-dishonesty list entry: repair one year after the listing decision (the platform default, order 36 cited)', () => {
    const publicity = publicityOf(listed('major-tax-violation', '2026-05-06', '2029-05-06'), national, county.publication, rules);
    expect(publicity).toMatchObject({ publicFrom: '2026-05-06', publicUntil: '2029-05-06', repairEligibleFrom: '2027-05-06' });
    expect(publicity.repairRuleSource).toContain('国家发展改革委令2025年第36号');
    expect(publicity.repairRuleSource).toContain('第四条');
    expect(publicity.repairRuleSource).toContain('平台默认');
  });

  it('an abnormal-operations entry may be repaired at once; an entry whose listing ends first, from its last listed day', () => {
    expect(publicityOf(listed('abnormal-operations', '2026-05-06', '2027-05-06'), national, county.publication, rules).repairEligibleFrom).toBe('2026-05-06');
    expect(publicityOf(listed('serious-dishonesty', '2026-05-06', '2026-11-30'), national, county.publication, rules).repairEligibleFrom).toBe('2026-11-30');
  });

  it('a list no rule names (a statutory ban, procurement) and a court list are not repairable: no repair day', () => {
    for (const list of ['food-drug-ban', 'procurement-serious-violation', 'some-unknown-list'])
      expect(publicityOf(listed(list, '2026-05-06', '2029-05-06'), national, county.publication, rules).repairEligibleFrom, list).toBeNull();
    expect(publicityOf(debtor(), national, county.publication, rules).repairEligibleFrom).toBeNull();
  });

  it('without the county rules (a caller that passes none) no list entry is repairable', () => {
    expect(publicityOf(listed('major-tax-violation', '2026-05-06', '2029-05-06'), national).repairEligibleFrom).toBeNull();
  });

  it('tells the subject why in Chinese, naming the rule', () => {
    const record = (input: RecordInput) => ({ kind: input.kind, input });
    expect(notRepairableBecause(record(debtor()), county)).toMatch(/人民法院.*法释〔2017〕7号.*第十条/);
    expect(notRepairableBecause(record(listed('food-drug-ban', '2026-05-06', '2029-05-06')), county)).toContain('《中华人民共和国食品安全法》第一百三十五条');
    expect(notRepairableBecause(record(listed('procurement-serious-violation', '2026-05-06', '2029-05-06')), county)).toContain('政府采购法');
    expect(notRepairableBecause(record(listed('some-unknown-list', '2026-05-06', '2029-05-06')), county)).toContain('some-unknown-list');
  });
});

describe('the repair rules are county data', () => {
  it('every county takes the platform default, each rule citing order 36 and marking its minimum as a platform default', () => {
    for (const c of loadCounties()) {
      expect(c.cases.repairableLists, c.id).toEqual(platformListRepairRules);
      for (const rule of c.cases.repairableLists) {
        expect(rule.clause).toMatchObject({ source: expect.stringContaining('第36号'), clause: '第四条' });
        expect('platformDefault' in rule.minMonthsClause).toBe(true);
      }
    }
  });

  it('every black list is either repairable or named as not, never both', () => {
    const repairable = rules.flatMap((r) => r.listNames as string[]);
    const not = county.cases.notRepairable.filter((r) => r.match.kind === 'blackList').flatMap((r) => r.match.listNames ?? []);
    expect([...repairable, ...not].sort()).toEqual(Object.keys(blackListNames).sort());
  });

  const raw = () => JSON.parse(readFileSync(join(countiesDir, 'zanhuang.json'), 'utf8'));
  it('a county file may state its own rules; an unknown list, a list named twice, a rule without its source or a non-list kind is refused', () => {
    const own = raw();
    own.cases.repairableLists = [{ listNames: ['abnormal-operations'], minMonths: 3, clause: { platformDefault: '本县规定：经营异常名录三个月后可修复' }, minMonthsClause: { platformDefault: '本县规定：三个月' } }];
    expect(parseCountyConfig(own, 'test.json').cases.repairableLists).toHaveLength(1);
    const withLists = (lists: unknown) => () => parseCountyConfig({ ...raw(), cases: { ...raw().cases, repairableLists: lists } }, 'test.json');
    expect(withLists([{ listNames: ['no-such-list'], minMonths: 0, clause: { platformDefault: '某某某某某某某某某某某' }, minMonthsClause: { platformDefault: '某某某某某某某某某某某' } }])).toThrow(/cases\.repairableLists\.0\.listNames\.0: unknown black list "no-such-list"/);
    const twice = { listNames: ['abnormal-operations'], minMonths: 0, clause: { platformDefault: '某某某某某某某某某某某' }, minMonthsClause: { platformDefault: '某某某某某某某某某某某' } };
    expect(withLists([twice, twice])).toThrow(/named by two repair rules/);
    expect(withLists([{ listNames: ['abnormal-operations'], minMonths: 0, clause: { platformDefault: '某某某某某某某某某某某' } }])).toThrow(/minMonthsClause/);
    const notRepairable = (rules: unknown) => () => parseCountyConfig({ ...raw(), cases: { ...raw().cases, notRepairable: rules } }, 'test.json');
    expect(notRepairable([{ match: { kind: 'penalty' }, reason: '理由', clause: { platformDefault: '某某某某某某某某某某某' } }])).toThrow(/only list kinds/);
  });
});
