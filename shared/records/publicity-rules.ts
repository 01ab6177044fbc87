import type { IsoDate } from '../calendar/dates.ts';
import {
  penaltySeverities,
  type PenaltyArea,
  type PenaltyCategory,
  type PenaltySeverity,
} from '../config/record-kinds.ts';

/**
 * How long records stay public, as data with the documents they come from. Periods are in months and
 * run from the decision date, counted as the GLOSSARY says (publicity.ts does the counting).
 */

export interface PublicityPeriodMonths {
  /** Shortest publicity: credit repair may be applied for once it ends. 0 = at once. */
  minMonths: number;
  /** Longest publicity: the record stops being public when it ends. */
  maxMonths: number;
}

export interface PenaltyPublicityRule {
  id: string;
  source: string;
  /** The rule applies to decisions dated in [inForceFrom, inForceUntil]; null = open. */
  inForceFrom: IsoDate | null;
  inForceUntil: IsoDate | null;
  bySeverity: Record<PenaltySeverity, PublicityPeriodMonths>;
  /** Areas with a longer minimum, whatever the severity. */
  areaMinimumMonths: Partial<Record<PenaltyArea, number>>;
}

/**
 * 《失信行为纠正后的信用信息修复管理办法（试行）》(NDRC order 2023 No. 58): administrative penalty
 * information is public at least 3 months and at most 3 years from the decision; at least 1 year in the
 * food, drug, special equipment, work safety and fire areas. It does not grade penalties by severity.
 * Repealed by order 36 from 2026-04-01.
 */
export const ndrcOrder58: PenaltyPublicityRule = {
  id: 'ndrc-order-58',
  source: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）',
  inForceFrom: null,
  inForceUntil: '2026-03-31',
  bySeverity: {
    minor: { minMonths: 3, maxMonths: 36 },
    general: { minMonths: 3, maxMonths: 36 },
    serious: { minMonths: 3, maxMonths: 36 },
  },
  areaMinimumMonths: { specialEquipment: 12, workSafety: 12, fire: 12, food: 12, drug: 12 },
};

/**
 * 《信用修复管理办法》(NDRC order 2025 No. 36, in force from 2026-04-01): minor dishonesty information
 * is in principle not published, and where published at most 3 months, repairable at once; general:
 * 3 months to 1 year; serious: 1 to 3 years. It sets no separate area minimum: a department that
 * wants the longer period for a fire or work-safety penalty marks it `serious`.
 */
export const ndrcOrder36: PenaltyPublicityRule = {
  id: 'ndrc-order-36',
  source: '《信用修复管理办法》（国家发展改革委令2025年第36号，自2026年4月1日起施行）',
  inForceFrom: '2026-04-01',
  inForceUntil: null,
  bySeverity: {
    minor: { minMonths: 0, maxMonths: 3 },
    general: { minMonths: 3, maxMonths: 12 },
    serious: { minMonths: 12, maxMonths: 36 },
  },
  areaMinimumMonths: {},
};

export const penaltyPublicityRules: readonly PenaltyPublicityRule[] = [ndrcOrder58, ndrcOrder36];

/** The rule in force on the decision date (decisions are judged by the rule of their day). */
export function penaltyRuleInForce(decisionDate: IsoDate): PenaltyPublicityRule {
  const rule = penaltyPublicityRules.find(
    (r) => (r.inForceFrom === null || r.inForceFrom <= decisionDate) && (r.inForceUntil === null || decisionDate <= r.inForceUntil),
  );
  if (!rule) throw new RangeError(`no penalty publicity rule is in force on ${decisionDate}`);
  return rule;
}

/**
 * Severity of each penalty category, following order 36's grading (warnings and criticism minor; fines
 * and confiscation general; penalties on licences, qualification, business, employment or liberty
 * serious). Order 36 also grades fines by amount (较小数额 minor … 巨额 serious), which the amounts alone
 * cannot tell without each field's thresholds: the department sets `severity` on the record to override.
 */
export const penaltyCategorySeverity: Record<PenaltyCategory, PenaltySeverity> = {
  warning: 'minor',
  circulateCriticism: 'minor',
  fine: 'general',
  confiscation: 'general',
  other: 'general',
  suspendLicence: 'serious',
  revokeLicence: 'serious',
  lowerQualification: 'serious',
  orderClosure: 'serious',
  restrictEmployment: 'serious',
  detention: 'serious',
};

/** An explicit severity wins; otherwise the most severe category (a decision with several takes the longest period). */
export function penaltySeverityOf(penalty: { penaltyCategories: readonly PenaltyCategory[]; severity?: PenaltySeverity }): PenaltySeverity {
  if (penalty.severity) return penalty.severity;
  const rank = (s: PenaltySeverity) => penaltySeverities.indexOf(s);
  return penalty.penaltyCategories
    .map((c) => penaltyCategorySeverity[c])
    .reduce<PenaltySeverity>((worst, s) => (rank(s) > rank(worst) ? s : worst), 'minor');
}

/** The penalty period for a severity and area under a rule; a longer area minimum raises the maximum too if needed. */
export function penaltyPeriod(rule: PenaltyPublicityRule, severity: PenaltySeverity, area?: PenaltyArea): PublicityPeriodMonths {
  const base = rule.bySeverity[severity];
  const minMonths = Math.max(base.minMonths, (area && rule.areaMinimumMonths[area]) ?? 0);
  return { minMonths, maxMonths: Math.max(base.maxMonths, minMonths) };
}

/**
 * A breach of a credit commitment is dishonesty information of the general grade (not minor: a promise
 * was broken; a serious breach goes onto the black list as its own record): it takes the general
 * penalty period of the rule in force on its decision date.
 */
export const commitmentBreachSeverity: PenaltySeverity = 'general';

/**
 * Periods for the other kinds: the record's own dates where it states them, otherwise a platform
 * default. These are this platform's decisions, not national rules; the sources say so.
 */
export const otherPublicityRules = {
  /** A licence is public while it is valid: publicity tells others it may act under it. */
  licenceValidity: {
    id: 'licence-validity',
    source: '行政许可有效期（validTo；未载明有效期的长期公示）/ the licence validity stated by the record',
  },
  /** Lists (red, black, dishonest judgment debtors) are public while listed; the listing body removes entries. */
  listingPeriod: {
    id: 'listing-period',
    source: '名单认定单位确定的列入期限（listedUntil；未载明的，至移出名单）/ the listing period stated by the listing body',
  },
  /**
   * Enforcement, levy, confirmation, reward, judgment and commitment records: no national publicity
   * period applies to them. They stay public for 3 years from the decision: the longest period the
   * repair rules allow for any dishonesty information, so nothing neutral or positive outlives the
   * worst negative record, and information about persons is not published without end.
   */
  platformDefault: {
    id: 'platform-three-years',
    source: '本平台规则：无全国统一公示期限的信息自决定之日起公示3年（与失信信息最长公示期一致）/ platform default: 3 years from the decision',
    months: 36,
  },
} as const;
