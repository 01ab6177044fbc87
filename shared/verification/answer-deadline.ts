import type { CountyConfig } from '../config/county-config.ts';
import { endOfLocalDay, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { VerificationDeadline } from '../workflows/verification-case.ts';

/**
 * The provider answers within N working days of the verification notice (Kunming 003 §二(五)):
 * the notice day is not counted, the period ends at the end of the N-th working day, county time.
 * The workflow waits `timeoutSeconds` from `now` (at least one second, so an overdue case times out at once).
 */
export function answerDeadline(noticeDate: IsoDate, county: CountyConfig, now: Date): VerificationDeadline {
  const answerBy = addWorkingDays(noticeDate, county.deadlines.objectionAnswerWorkingDays, workingDayCalendar(county.calendar));
  const endsAt = endOfLocalDay(answerBy, county.timeZone);
  return { answerBy, timeoutSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)) };
}
