import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { publicityOf } from '../../shared/records/publicity.ts';
import { ndrcOrder36, ndrcOrder58, penaltyRuleInForce, penaltySeverityOf } from '../../shared/records/publicity-rules.ts';
import { recordInput, type RecordInput } from '../../shared/records/record-input.ts';
import { isInForce, isPublic, recordStatus } from '../../shared/records/record-status.ts';

const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
const stated2027 = workingDayCalendar({ holidays: [], workdays: [], completeYears: [2027] });

const common = {
  subject: { name: '某某建材有限公司', category: 'legalPerson', uscc: '91410425MA45E8TH52' },
  decisionNumber: '郏应急罚〔2026〕3号',
  authority: { name: '郏县应急管理局', uscc: '91350100M000100Y43' },
  sourceDepartment: '郏县应急管理局',
};

const penalty = (decisionDate: string, extra: Record<string, unknown> = {}): RecordInput =>
  recordInput.parse({
    kind: 'penalty',
    ...common,
    decisionDate,
    violationType: '未按规定配备消防设施',
    facts: '经检查，当事人未按规定配备灭火器。',
    legalBasis: '《中华人民共和国消防法》第六十条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款5000元',
    fineAmountYuan: 5000,
    ...extra,
  });

const record = (kind: string, decisionDate: string, body: Record<string, unknown>): RecordInput =>
  recordInput.parse({ kind, ...common, decisionDate, ...body });

describe('penalty publicity: the rule in force on the decision date', () => {
  it('chooses order 58 up to 2026-03-31 and order 36 from 2026-04-01', () => {
    expect(penaltyRuleInForce('2026-03-31').id).toBe('ndrc-order-58');
    expect(penaltyRuleInForce('2026-04-01').id).toBe('ndrc-order-36');
    expect(penaltyRuleInForce('2021-05-01')).toBe(ndrcOrder58);
  });

  it('2026-03-31 under order 58: at least 3 months, at most 3 years', () => {
    expect(publicityOf(penalty('2026-03-31'), national)).toEqual({
      publicFrom: '2026-03-31',
      repairEligibleFrom: '2026-06-30',
      // 2029-03-31 is a Saturday: the next working day, counted by weekends only (2029 is unknown).
      publicUntil: '2029-04-02',
      ruleId: 'ndrc-order-58',
      ruleSource: ndrcOrder58.source,
      severity: 'general',
      provisional: true,
    });
  });

  it('order 58 does not grade: a warning alone is still 3 months to 3 years', () => {
    expect(publicityOf(penalty('2026-03-31', { penaltyCategories: ['warning'] }), national)).toMatchObject({
      repairEligibleFrom: '2026-06-30',
      publicUntil: '2029-04-02',
    });
  });

  it('order 58: at least 1 year in the fire area', () => {
    expect(publicityOf(penalty('2026-03-31', { area: 'fire' }), national)).toMatchObject({
      repairEligibleFrom: '2027-03-31',
      publicUntil: '2029-04-02',
      ruleId: 'ndrc-order-58',
    });
    expect(publicityOf(penalty('2026-03-31', { area: 'workSafety' }), national).repairEligibleFrom).toBe('2027-03-31');
  });

  it('2026-04-01 under order 36, minor: repair at once, public at most 3 months', () => {
    expect(publicityOf(penalty('2026-04-01', { penaltyCategories: ['warning'] }), national)).toEqual({
      publicFrom: '2026-04-01',
      repairEligibleFrom: '2026-04-01',
      publicUntil: '2026-07-01',
      ruleId: 'ndrc-order-36',
      ruleSource: ndrcOrder36.source,
      severity: 'minor',
      provisional: false,
    });
  });

  it('2026-04-01 under order 36, general: 3 months to 1 year', () => {
    expect(publicityOf(penalty('2026-04-01'), national)).toMatchObject({
      repairEligibleFrom: '2026-07-01',
      publicUntil: '2027-04-01',
      severity: 'general',
      provisional: true, // 2027's holidays are not in the data yet
    });
    expect(publicityOf(penalty('2026-04-01'), stated2027).provisional).toBe(false);
  });

  it('2026-04-01 under order 36, serious: 1 to 3 years', () => {
    expect(publicityOf(penalty('2026-04-01', { penaltyCategories: ['revokeLicence'] }), national)).toMatchObject({
      repairEligibleFrom: '2027-04-01',
      publicUntil: '2029-04-02', // 2029-04-01 is a Sunday
      severity: 'serious',
    });
  });

  it('several categories take the longest period; an explicit severity overrides', () => {
    expect(penaltySeverityOf({ penaltyCategories: ['warning', 'fine', 'suspendLicence'] })).toBe('serious');
    expect(publicityOf(penalty('2026-04-01', { penaltyCategories: ['warning', 'fine'] }), national)).toMatchObject({
      severity: 'general',
      publicUntil: '2027-04-01',
    });
    expect(
      publicityOf(penalty('2026-04-01', { penaltyCategories: ['revokeLicence'], severity: 'general' }), national),
    ).toMatchObject({ severity: 'general', repairEligibleFrom: '2026-07-01', publicUntil: '2027-04-01' });
    expect(publicityOf(penalty('2026-04-01', { severity: 'serious' }), national).repairEligibleFrom).toBe('2027-04-01');
  });

  it('a period ending on a holiday ends on the next working day', () => {
    // Order 36, general, 2026-07-01: the minimum ends 2026-10-01 (National Day) → Thu 2026-10-08.
    expect(publicityOf(penalty('2026-07-01'), national).repairEligibleFrom).toBe('2026-10-08');
    // Order 58, 2025-11-17: the minimum ends 2026-02-17 (Spring Festival) → Tue 2026-02-24.
    expect(publicityOf(penalty('2025-11-17'), national).repairEligibleFrom).toBe('2026-02-24');
  });

  it('keeps an earlier end stated by the decision, never beyond the maximum', () => {
    expect(publicityOf(penalty('2026-04-01', { publicityPeriodEnd: '2026-12-31' }), national)).toMatchObject({
      publicUntil: '2026-12-31',
      repairEligibleFrom: '2026-07-01',
      provisional: false,
    });
    expect(publicityOf(penalty('2026-04-01', { publicityPeriodEnd: '2028-01-01' }), national).publicUntil).toBe('2027-04-01');
  });
});

describe('publicity of the other kinds', () => {
  it('a licence is public while valid, without end if no end is stated', () => {
    const licence = {
      licenceDocumentName: '准予行政许可决定书',
      licenceCategory: '普通',
      licenceContent: '危险化学品经营',
      validFrom: '2026-04-01',
    };
    expect(publicityOf(record('licence', '2026-03-31', { ...licence, validTo: '2029-03-31' }), national)).toMatchObject({
      publicFrom: '2026-03-31',
      publicUntil: '2029-03-31',
      repairEligibleFrom: null,
      ruleId: 'licence-validity',
      provisional: false,
    });
    expect(publicityOf(record('licence', '2026-03-31', licence), national).publicUntil).toBeNull();
  });

  it('lists are public while listed', () => {
    const black = record('blackList', '2026-04-01', { listName: 'serious-dishonesty', listingBasis: '拒不履行', listedUntil: '2029-04-01' });
    expect(publicityOf(black, national)).toMatchObject({ publicUntil: '2029-04-01', repairEligibleFrom: null, ruleId: 'listing-period' });
    const red = record('redList', '2026-04-01', { listName: 'A级纳税人', listingBasis: '纳税信用评价' });
    expect(publicityOf(red, national).publicUntil).toBeNull();
  });

  it('a commitment breach is treated as general dishonesty under the rule in force', () => {
    const breach = (date: string) => record('commitmentBreach', date, { breachFacts: '未按期补齐材料', content: '撤销许可' });
    expect(publicityOf(breach('2026-04-01'), national)).toMatchObject({
      severity: 'general',
      repairEligibleFrom: '2026-07-01',
      publicUntil: '2027-04-01',
      ruleId: 'ndrc-order-36',
    });
    expect(publicityOf(breach('2026-03-31'), national)).toMatchObject({ repairEligibleFrom: '2026-06-30', ruleId: 'ndrc-order-58' });
  });

  it('other administrative records are public 3 years by the platform default', () => {
    expect(publicityOf(record('reward', '2026-04-01', { content: '授予守合同重信用称号' }), national)).toMatchObject({
      publicFrom: '2026-04-01',
      publicUntil: '2029-04-02',
      repairEligibleFrom: null,
      ruleId: 'platform-three-years',
      provisional: true,
    });
  });
});

describe('record status', () => {
  it('expires an active or corrected record after its last public day', () => {
    expect(recordStatus({ lifecycle: 'active', publicUntil: '2026-07-01' }, '2026-07-01')).toBe('active');
    expect(recordStatus({ lifecycle: 'active', publicUntil: '2026-07-01' }, '2026-07-02')).toBe('expired');
    expect(recordStatus({ lifecycle: 'corrected', publicUntil: '2026-07-01' }, '2026-07-02')).toBe('expired');
    expect(recordStatus({ lifecycle: 'underObjection', publicUntil: '2026-07-01' }, '2026-07-02')).toBe('underObjection');
    expect(recordStatus({ lifecycle: 'repaired', publicUntil: '2026-07-01' }, '2026-07-02')).toBe('repaired');
    expect(recordStatus({ lifecycle: 'active', publicUntil: null }, '2099-01-01')).toBe('active');
  });

  it('counts in-force records and shows them from the decision date', () => {
    expect((['active', 'underObjection', 'corrected', 'revoked', 'repaired', 'expired'] as const).map(isInForce)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isPublic('active', '2026-04-01', '2026-03-31')).toBe(false);
    expect(isPublic('active', '2026-04-01', '2026-04-01')).toBe(true);
    expect(isPublic('revoked', '2026-04-01', '2026-05-01')).toBe(false);
    expect(isPublic('expired', '2026-04-01', '2026-05-01')).toBe(false);
  });
});
