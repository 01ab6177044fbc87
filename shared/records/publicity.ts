import { calendarPeriodEnd, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { RecordInput } from './record-input.ts';
import { clauseLabel, type PublicationSettings } from '../config/county-config.ts';
import type { ListRepairRule } from '../config/list-repair-rules.ts';
import { penaltySeverityIn } from './non-publication.ts';
import type { PenaltySeverity } from '../config/record-kinds.ts';
import {
  commitmentBreachSeverity,
  otherPublicityRules,
  penaltyPeriod,
  penaltyRuleInForce,
  penaltySeverityOf,
  type PenaltyPublicityRule,
} from './publicity-rules.ts';

export interface Publicity {
  /** Publicity starts on the decision date. */
  publicFrom: IsoDate;
  /** Last day public (inclusive); null = no end (until revoked, repaired or removed from a list). */
  publicUntil: IsoDate | null;
  /** First day the subject may apply for credit repair; null where repair does not apply. */
  repairEligibleFrom: IsoDate | null;
  /** For a list entry that may be repaired: the rule that allows it and sets its minimum (the county file's `cases.repairableLists`). */
  repairRuleSource?: string;
  ruleId: string | null;
  ruleSource: string | null;
  severity?: PenaltySeverity;
  /** A computed end fell in (or was moved through) a year whose holidays are unknown: it may move later. */
  provisional: boolean;
}

/**
 * How long a record is public and when repair may be asked for. Periods in months run from the decision
 * date as the Civil Code counts them (Arts. 201–203: same day number, clamped to the month's end, moved
 * to the next working day off a holiday). The rule is the one in force on the decision date. With the
 * county's publication settings, a penalty within the county's minor amounts takes the minor period.
 */
export function publicityOf(
  input: RecordInput,
  calendar: WorkingDayCalendar,
  publication?: PublicationSettings,
  repairableLists: readonly ListRepairRule[] = [],
): Publicity {
  const publicFrom = input.decisionDate;
  switch (input.kind) {
    case 'penalty': {
      const rule = penaltyRuleInForce(input.decisionDate);
      // With the county's settings, a fine within its minor amount is minor (shared/records/non-publication.ts).
      const severity = publication ? penaltySeverityIn(input, publication) : penaltySeverityOf(input);
      return dishonestyPublicity(input.decisionDate, rule, severity, calendar, input.area, input.publicityPeriodEnd);
    }
    case 'commitmentBreach':
      return dishonestyPublicity(input.decisionDate, penaltyRuleInForce(input.decisionDate), commitmentBreachSeverity, calendar);
    case 'licence':
      return stated(publicFrom, input.validTo, otherPublicityRules.licenceValidity);
    case 'blackList':
      return listRepair(stated(publicFrom, input.listedUntil, otherPublicityRules.listingPeriod), input.listName, calendar, repairableLists);
    case 'dishonestDebtor':
    case 'redList':
      return stated(publicFrom, input.listedUntil, otherPublicityRules.listingPeriod);
    case 'enforcement':
    case 'levy':
    case 'confirmation':
    case 'reward':
    case 'judgment':
    case 'commitment': {
      const rule = otherPublicityRules.platformDefault;
      const end = calendarPeriodEnd(input.decisionDate, rule.months, calendar);
      return { publicFrom, publicUntil: end.date, repairEligibleFrom: null, ruleId: rule.id, ruleSource: rule.source, provisional: end.provisional };
    }
  }
}

/**
 * The first day a record is no longer public because its period ended: the day after `publicUntil`
 * (the last public day, inclusive), or null for a record without an end. The due-date index and the
 * overdue scan's publicity-ended notices use it.
 */
export const publicityEndsOn = (publicity: Pick<Publicity, 'publicUntil'>): IsoDate | null =>
  publicity.publicUntil === null ? null : addDays(publicity.publicUntil, 1);

/** A period ending on a date the record states: taken as written (it is the authority's date, not a computed period). */
function stated(publicFrom: IsoDate, until: IsoDate | undefined, rule: { id: string; source: string }): Publicity {
  return { publicFrom, publicUntil: until ?? null, repairEligibleFrom: null, ruleId: rule.id, ruleSource: rule.source, provisional: false };
}

/**
 * A black-list entry that the county's repair rules name (order 36 counts list entries among the dishonesty
 * information that may be repaired): repair from the rule's minimum after the listing decision (0 months: at
 * once), never later than the entry's last listed day. An entry of a list no rule names is not repairable.
 */
function listRepair(publicity: Publicity, listName: string, calendar: WorkingDayCalendar, rules: readonly ListRepairRule[]): Publicity {
  const rule = rules.find((r) => (r.listNames as readonly string[]).includes(listName));
  if (!rule) return publicity;
  const min = rule.minMonths === 0 ? { date: publicity.publicFrom, provisional: false } : calendarPeriodEnd(publicity.publicFrom, rule.minMonths, calendar);
  const end = publicity.publicUntil;
  const repairEligibleFrom = end !== null && end < min.date ? end : min.date;
  return {
    ...publicity,
    repairEligibleFrom,
    repairRuleSource: `${clauseLabel(rule.clause)}；最短期限：${clauseLabel(rule.minMonthsClause)}`,
    provisional: publicity.provisional || (repairEligibleFrom === min.date && min.provisional),
  };
}

/**
 * Penalty-like dishonesty information: public until the maximum ends; repair from the end of the minimum
 * (0 months = at once, from the decision date). A publicity end stated by the decision itself is kept
 * when it comes earlier, never beyond the rule's maximum; repair is then never later than that end.
 */
function dishonestyPublicity(
  decisionDate: IsoDate,
  rule: PenaltyPublicityRule,
  severity: PenaltySeverity,
  calendar: WorkingDayCalendar,
  area?: Parameters<typeof penaltyPeriod>[2],
  statedEnd?: IsoDate,
): Publicity {
  const period = penaltyPeriod(rule, severity, area);
  const max = calendarPeriodEnd(decisionDate, period.maxMonths, calendar);
  const min = period.minMonths === 0 ? { date: decisionDate, provisional: false } : calendarPeriodEnd(decisionDate, period.minMonths, calendar);
  const useStated = statedEnd !== undefined && statedEnd < max.date;
  const publicUntil = useStated ? statedEnd : max.date;
  const repairEligibleFrom = min.date < publicUntil ? min.date : publicUntil;
  return {
    publicFrom: decisionDate,
    publicUntil,
    repairEligibleFrom,
    ruleId: rule.id,
    ruleSource: rule.source,
    severity,
    provisional: (!useStated && max.provisional) || (repairEligibleFrom === min.date && min.provisional),
  };
}
