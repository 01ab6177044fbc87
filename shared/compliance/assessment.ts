import type { CountyConfig } from '../config/county-config.ts';
import { assessmentRuleLabels, type AssessmentRuleId } from '../config/supervision-settings.ts';
import type { DepartmentMonthFacts } from './month-facts.ts';

/**
 * The assessment (考核) of a department's month, by the county's rules (`assessment.rules`, weights adding to
 * 100): each rule gives points out of its weight, or does not apply that month (no usage list due, no matter
 * handled, no check, no filing due); the score is the points over the weights that applied, out of 100. Pure.
 */
export interface ScoreLine {
  rule: AssessmentRuleId;
  name: string;
  weight: number;
  /** The fact scored, in words (e.g. 12/15 件已核查). */
  fact: string;
  /** Points out of `weight`; null when the rule did not apply this month. */
  points: number | null;
}

export interface MonthScore {
  score: number;
  breakdown: ScoreLine[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const fraction = (part: number, whole: number) => `${part}/${whole}`;

const usageListPoints = { onTime: 1, late: 0.5, missing: 0 } as const;
const usageListWords = { onTime: '按时报送', late: '逾期报送', missing: '未报送', notDue: '当月无到期清单' } as const;
const matterListPoints = { approved: 1, submitted: 0.5, returned: 0, none: 0 } as const;
const matterListWords = { approved: '已审核通过', submitted: '已报送待审核', returned: '被退回', none: '未报送' } as const;

function line(rule: CountyConfig['assessment']['rules'][number], f: DepartmentMonthFacts): ScoreLine {
  const { id, weight } = rule;
  const base = { rule: id, name: assessmentRuleLabels[id].name, weight };
  switch (id) {
    case 'usageListOnTime':
      return { ...base, fact: usageListWords[f.usageList], points: f.usageList === 'notDue' ? null : weight * usageListPoints[f.usageList] };
    case 'matterListFiled':
      return { ...base, fact: matterListWords[f.matterList], points: weight * matterListPoints[f.matterList] };
    case 'coverage':
      return { ...base, fact: f.mattersHandled ? `${fraction(f.mattersChecked, f.mattersHandled)} 件办件已核查` : '当月未报送办件', points: f.mattersHandled ? (weight * f.mattersChecked) / f.mattersHandled : null };
    case 'outcomesRecorded':
      return { ...base, fact: f.checks ? `${fraction(f.withOutcome, f.checks)} 次核查已登记结果` : '当月无核查', points: f.checks ? (weight * f.withOutcome) / f.checks : null };
    case 'latePublications':
      return { ...base, fact: `逾期报送 ${f.latePublications} 条`, points: Math.max(0, weight - f.latePublications * (rule.deductPerItem ?? 0)) };
    case 'overdueAnswers':
      return { ...base, fact: `逾期答复 ${f.overdueAnswers} 件`, points: Math.max(0, weight - f.overdueAnswers * (rule.deductPerItem ?? 0)) };
    case 'filingsOnTime':
      return { ...base, fact: f.filings.due ? `${fraction(f.filings.onTime, f.filings.due)} 份按时报送` : '当月无到期报送', points: f.filings.due ? (weight * f.filings.onTime) / f.filings.due : null };
  }
}

/** A month's score and its breakdown, points rounded to one decimal. A month where no rule applied scores 100. */
export function scoreMonth(facts: DepartmentMonthFacts, rules: CountyConfig['assessment']['rules']): MonthScore {
  const breakdown = rules.map((r) => line(r, facts)).map((l) => ({ ...l, points: l.points === null ? null : round1(l.points) }));
  const applied = breakdown.filter((l) => l.points !== null && l.weight > 0);
  const weights = applied.reduce((n, l) => n + l.weight, 0);
  const points = applied.reduce((n, l) => n + l.points!, 0);
  return { score: weights === 0 ? 100 : round1((points / weights) * 100), breakdown };
}

/** Ranks by score, best first (1 = best; equal scores share a rank), then by org id for a stable order. */
export function rankByScore<T extends { orgId: string; score: number }>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.orgId.localeCompare(b.orgId));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((s) => s.score === r.score) + 1 }));
}

/** The year's score: the mean of its months' scores (those assessed so far), one decimal; null before any. */
export const yearScore = (monthScores: readonly number[]): number | null =>
  monthScores.length === 0 ? null : round1(monthScores.reduce((n, s) => n + s, 0) / monthScores.length);
