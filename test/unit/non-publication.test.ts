import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { PublicationSettings } from '../../shared/config/county-config.ts';
import { loadCounties } from '../../shared/config/load-counties.ts';
import { nonPublicationReasons } from '../../shared/config/non-publication.ts';
import { isPublicRecord } from '../../shared/records/access-policy.ts';
import { isMinorPenalty, withheldOf } from '../../shared/records/non-publication.ts';
import { publicityOf } from '../../shared/records/publicity.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { recordInput, type RecordInput, type RecordInputOf } from '../../shared/records/record-input.ts';

/**
 * Records not to be published (不予公示, issue 15 §3): the department's mark with a reason from the closed list,
 * and minor penalties under NDRC order 36 (in force from 2026-04-01), minor by the county's amounts (data).
 */
const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
const settings: PublicationSettings = loadCounties().find((c) => c.id === 'jiaxian')!.publication;

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const organisation = { name: '某某建材有限公司', category: 'legalPerson', uscc: '91410425MA45E8TH52' };
const person = { name: '张某某', category: 'naturalPerson', residentId: `41042519900307001${residentIdCheckDigit('41042519900307001')}` };
const business = { name: '某某便利店', category: 'individualBusiness', uscc: uscc('92410425MA45E8TH5') };
const authority = { name: '郏县市场监督管理局', uscc: '91350100M000100Y43' };

const penalty = (decisionDate: string, extra: Record<string, unknown> = {}) =>
  recordInput.parse({
    kind: 'penalty',
    subject: organisation,
    decisionNumber: '郏市监罚〔2026〕8号',
    authority,
    sourceDepartment: '郏县市场监督管理局',
    decisionDate,
    violationType: '未按规定公示营业执照',
    facts: '经检查，当事人未在经营场所醒目位置悬挂营业执照。',
    legalBasis: '《市场主体登记管理条例》第四十八条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款',
    fineAmountYuan: 3000,
    ...extra,
  }) as RecordInputOf<'penalty'>;

describe('what the county counts as a minor penalty', () => {
  it('a fine at most the county amount for an organisation (3,000 yuan here) and for a person (200 yuan), an individual business counting as a person', () => {
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 3000 }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 3000.01 }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { subject: person, fineAmountYuan: 200 }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { subject: person, fineAmountYuan: 201 }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { subject: business, fineAmountYuan: 200 }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { subject: business, fineAmountYuan: 500 }), settings)).toBe(false);
  });

  it('the amounts are the county\'s data', () => {
    const stricter: PublicationSettings = { ...settings, minorPenalty: { ...settings.minorPenalty, maxFineYuan: { person: 50, organisation: 1000 } } };
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 2000 }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 2000 }), stricter)).toBe(false);
  });

  it('a warning or circulated criticism alone, or a summary-procedure decision, is minor', () => {
    expect(isMinorPenalty(penalty('2026-05-06', { penaltyCategories: ['warning'], fineAmountYuan: undefined }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { penaltyCategories: ['circulateCriticism'], fineAmountYuan: undefined }), settings)).toBe(true);
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 50_000, summaryProcedure: true }), settings)).toBe(true);
  });

  it('something heavier beside the fine, something confiscated, or no amount: not minor', () => {
    expect(isMinorPenalty(penalty('2026-05-06', { penaltyCategories: ['fine', 'suspendLicence'] }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { penaltyCategories: ['fine', 'confiscation'], confiscationAmountYuan: 100 }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { confiscationAmountYuan: 100 }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: undefined }), settings)).toBe(false);
  });

  it('the department\'s stated severity wins either way', () => {
    expect(isMinorPenalty(penalty('2026-05-06', { penaltyCategories: ['warning'], fineAmountYuan: undefined, severity: 'general' }), settings)).toBe(false);
    expect(isMinorPenalty(penalty('2026-05-06', { fineAmountYuan: 90_000, severity: 'minor' }), settings)).toBe(true);
  });
});

describe('whether a record is withheld from publication', () => {
  it('a minor penalty decided under order 36 (from 2026-04-01) is withheld by the rule; one decided under order 58 is not', () => {
    expect(withheldOf(penalty('2026-04-01'), settings)).toMatchObject({ reason: 'minorDishonesty', label: '轻微失信信息', decidedBy: 'rule' });
    expect(withheldOf(penalty('2026-04-01'), settings)!.source).toContain('国家发展改革委令2025年第36号');
    expect(withheldOf(penalty('2026-03-31'), settings)).toBeUndefined();
    expect(withheldOf(penalty('2026-04-01', { fineAmountYuan: 3001 }), settings)).toBeUndefined();
  });

  it('a department that states why a minor penalty must be published publishes it, for at most 3 months', () => {
    const published = penalty('2026-04-01', { publishMinorBecause: '涉及食品安全，确有必要公示' });
    expect(withheldOf(published, settings)).toBeUndefined();
    const publicity = publicityOf(published, national, settings);
    expect(publicity).toMatchObject({ severity: 'minor', publicUntil: '2026-07-01', repairEligibleFrom: '2026-04-01' });
  });

  it('with the county\'s amounts, a small fine takes the minor period; without them, the category\'s (general)', () => {
    expect(publicityOf(penalty('2026-04-01', { publishMinorBecause: '确有必要' }), national, settings).severity).toBe('minor');
    expect(publicityOf(penalty('2026-04-01'), national).severity).toBe('general');
  });

  it('the department\'s mark, for any kind, with each reason of the closed list, its label, source and explanation', () => {
    for (const reason of nonPublicationReasons) {
      const marked = penalty('2026-05-06', { fineAmountYuan: 90_000, nonPublication: { reason, note: '依申请不予公开' } });
      const withheld = withheldOf(marked, settings)!;
      expect(withheld).toMatchObject({ reason, note: '依申请不予公开', decidedBy: 'department' });
      expect(withheld.label.length).toBeGreaterThan(0);
      expect(withheld.source).toMatch(/《.+》/);
    }
    const licence = recordInput.parse({
      kind: 'licence',
      subject: person,
      decisionNumber: '郏卫许〔2026〕1号',
      authority,
      sourceDepartment: '郏县卫生健康委员会',
      decisionDate: '2026-05-06',
      licenceDocumentName: '医师执业证书',
      licenceCategory: '普通',
      licenceContent: '执业',
      validFrom: '2026-05-06',
      nonPublication: { reason: 'minor' },
    }) as RecordInput;
    expect(withheldOf(licence, settings)).toMatchObject({ reason: 'minor', label: '涉及未成年人', decidedBy: 'department' });
  });

  it('a reason outside the closed list is refused, naming the field', () => {
    const result = recordInput.safeParse({ ...penalty('2026-05-06'), nonPublication: { reason: 'inconvenient' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['nonPublication', 'reason']);
    expect(result.error!.issues[0]!.message).toMatch(/must be one of: stateSecret, commercialSecret, personalPrivacy, minor, minorDishonesty/);
  });

  it('a withheld record is never public, whatever its period', () => {
    const publicity = { publicFrom: '2026-04-01', publicUntil: '2027-04-01', repairEligibleFrom: null, ruleId: null, ruleSource: null, provisional: false };
    const base = { lifecycle: 'active' as const, publicity };
    expect(isPublicRecord(base, '2026-05-06')).toBe(true);
    expect(isPublicRecord({ ...base, withheld: withheldOf(penalty('2026-04-01'), settings) }, '2026-05-06')).toBe(false);
  });
});
