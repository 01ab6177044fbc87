import type { PublicationSettings } from '../config/county-config.ts';
import { nonPublicationReasonLabels, nonPublicationSources, type NonPublicationReason } from '../config/non-publication.ts';
import type { PenaltySeverity } from '../config/record-kinds.ts';
import type { RecordInput, RecordInputOf } from './record-input.ts';

type PenaltyInput = RecordInputOf<'penalty'>;
import { ndrcOrder36, penaltyRuleInForce, penaltySeverityOf } from './publicity-rules.ts';

/**
 * A record that is not published (不予公示), as kept with it and shown to its subject, its provider and the
 * credit office: the reason, its label and source, the department's explanation, and who decided: the
 * department (`nonPublication` on the record) or the rule (a minor penalty under NDRC order 36, which the
 * department did not ask to publish).
 */
export interface Withheld {
  reason: NonPublicationReason;
  label: string;
  source: string;
  note?: string;
  decidedBy: 'department' | 'rule';
}

/** The categories a fine may come with and still be minor: a warning or a circulated criticism beside it. */
const lightCategories = new Set<string>(['fine', 'warning', 'circulateCriticism']);

/**
 * Whether a penalty is minor dishonesty information (轻微失信信息) in this county: graded minor by the
 * department (`severity`), decided by the summary procedure (简易程序, an on-the-spot penalty), only a warning
 * or circulated criticism, or a fine of at most the county's amount for the subject (a person: a natural
 * person or an individual business; otherwise an organisation) with nothing heavier beside it and nothing
 * confiscated. A department's explicit `severity` always wins.
 */
export function isMinorPenalty(penalty: PenaltyInput, settings: PublicationSettings): boolean {
  if (penalty.severity) return penalty.severity === 'minor';
  if (penalty.summaryProcedure) return true;
  if (penaltySeverityOf(penalty) === 'minor') return true;
  const onlyLight = penalty.penaltyCategories.every((c) => lightCategories.has(c));
  if (!onlyLight || !penalty.penaltyCategories.includes('fine') || penalty.fineAmountYuan === undefined) return false;
  if (penalty.confiscationAmountYuan !== undefined && penalty.confiscationAmountYuan > 0) return false;
  const person = penalty.subject.category === 'naturalPerson' || penalty.subject.category === 'individualBusiness';
  return penalty.fineAmountYuan <= settings.minorPenalty.maxFineYuan[person ? 'person' : 'organisation'];
}

/** The severity a penalty's publicity period follows: minor by the county's rule, else by its categories (or as stated). */
export function penaltySeverityIn(penalty: PenaltyInput, settings: PublicationSettings): PenaltySeverity {
  return isMinorPenalty(penalty, settings) ? 'minor' : penaltySeverityOf(penalty);
}

/**
 * Whether, and why, a record is not published. The department's mark wins. Otherwise a penalty decided while
 * order 36 is in force (from 2026-04-01) that is minor is not published, unless the department states why it
 * must be (`publishMinorBecause`: then it is public for at most 3 months, the order's minor period).
 */
export function withheldOf(input: RecordInput, settings: PublicationSettings): Withheld | undefined {
  if (input.nonPublication) {
    const { reason, note } = input.nonPublication;
    return { reason, label: nonPublicationReasonLabels[reason], source: nonPublicationSources[reason], ...(note ? { note } : {}), decidedBy: 'department' };
  }
  if (input.kind !== 'penalty' || input.publishMinorBecause !== undefined) return undefined;
  if (penaltyRuleInForce(input.decisionDate).id !== ndrcOrder36.id || !isMinorPenalty(input, settings)) return undefined;
  return { reason: 'minorDishonesty', label: nonPublicationReasonLabels.minorDishonesty, source: nonPublicationSources.minorDishonesty, decidedBy: 'rule' };
}
