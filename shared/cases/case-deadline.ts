import { addDays, endOfLocalDay, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { addWorkingDays, workingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/**
 * The provider answers within N working days of the verification notice (Kunming 003 §二(五)): the
 * notice day is not counted, the period ends at the end of the N-th working day, county time. Credit
 * repair applications keep the same rule.
 */
export function answerDay(noticeDate: IsoDate, county: CountyConfig): IsoDate {
  return addWorkingDays(noticeDate, county.deadlines.objectionAnswerWorkingDays, workingDayCalendar(county.calendar));
}

/** The instant the answer period ends: the end of the answer day in the county. */
export const answerDeadlineInstant = (answerBy: IsoDate, county: CountyConfig): Date => endOfLocalDay(answerBy, county.timeZone);

/**
 * When the workflow next wakes while it waits for the provider, and why:
 * - `reminder`: 09:00 on each of the county's reminder days (N working days before the answer day);
 * - `deadline`: the end of the answer day, when an unanswered case becomes overdue;
 * - `escalation`: 09:00 every M working days after the answer day, for as long as the case stays unanswered.
 * `timeoutSeconds` is what the AwaitAnswer state waits (TimeoutSecondsPath): at least one second.
 */
export interface WaitPlan {
  answerBy: IsoDate;
  phase: 'reminder' | 'deadline' | 'escalation';
  wakeAt: string;
  timeoutSeconds: number;
}

export function nextWake(answerBy: IsoDate, county: CountyConfig, now: Date): WaitPlan {
  const calendar = workingDayCalendar(county.calendar);
  const at9 = (day: IsoDate) => new Date(endOfLocalDay(addDays(day, -1), county.timeZone).getTime() + 9 * 3600_000);
  const plan = (phase: WaitPlan['phase'], wake: Date): WaitPlan => ({
    answerBy,
    phase,
    wakeAt: wake.toISOString(),
    timeoutSeconds: Math.max(1, Math.ceil((wake.getTime() - now.getTime()) / 1000)),
  });

  const reminders = county.cases.reminderWorkingDaysBefore
    .map((n) => at9(workingDaysBefore(answerBy, n, calendar)))
    .filter((wake) => wake > now)
    .sort((a, b) => a.getTime() - b.getTime());
  if (reminders[0]) return plan('reminder', reminders[0]);

  const deadline = answerDeadlineInstant(answerBy, county);
  if (now < deadline) return plan('deadline', deadline);

  const every = county.cases.escalationEveryWorkingDays;
  for (let step = every; ; step += every) {
    const wake = at9(addWorkingDays(answerBy, step, calendar));
    if (wake > now) return plan('escalation', wake);
  }
}

/** The working day N working days before `date`. */
export function workingDaysBefore(date: IsoDate, workingDays: number, calendar: WorkingDayCalendar): IsoDate {
  let day = date;
  for (let counted = 0; counted < workingDays; ) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}
