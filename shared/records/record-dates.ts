import type { IsoDate } from '../calendar/dates.ts';
import { residentIdProblem } from '../subjects/resident-id.ts';
import type { RecordInput } from './record-input.ts';

/**
 * Date rules zod cannot check because they need today (passed in: the county-local date) or compare
 * fields across a kind's shape. Fields are named as in the record (`decisionDate`, `validTo`), so the
 * caller can prefix them like schema paths. IsoDate strings compare in date order.
 */
export function recordDateProblems(input: RecordInput, today: IsoDate): Array<{ field: string; rule: string }> {
  const problems: Array<{ field: string; rule: string }> = [];
  if (input.decisionDate > today) problems.push({ field: 'decisionDate', rule: `must not be after today (${today})` });
  // The schema checked the ID's form; only a birth date after today is left, which needs today.
  const idRule = input.subject.residentId === undefined ? undefined : residentIdProblem(input.subject.residentId, today);
  if (idRule !== undefined) problems.push({ field: 'subject.residentId', rule: idRule });
  const { legalRepresentativeIdType, legalRepresentativeIdNumber } = input.subject;
  const representativeRule =
    legalRepresentativeIdType === 'residentId' && legalRepresentativeIdNumber !== undefined ? residentIdProblem(legalRepresentativeIdNumber, today) : undefined;
  if (representativeRule !== undefined) problems.push({ field: 'subject.legalRepresentativeIdNumber', rule: representativeRule });
  const notBeforeDecision = (field: string, value: IsoDate | undefined) => {
    if (value !== undefined && value < input.decisionDate)
      problems.push({ field, rule: `must not be before decisionDate (${input.decisionDate})` });
  };
  switch (input.kind) {
    case 'licence':
      // validFrom may precede the decision (a renewal continuing a licence); a licence that ended before it was granted may not.
      notBeforeDecision('validTo', input.validTo);
      break;
    case 'penalty':
      notBeforeDecision('penaltyValidUntil', input.penaltyValidUntil);
      notBeforeDecision('publicityPeriodEnd', input.publicityPeriodEnd);
      break;
    case 'dishonestDebtor':
    case 'redList':
    case 'blackList':
      notBeforeDecision('listedUntil', input.listedUntil);
      break;
    default:
      break;
  }
  return problems;
}
