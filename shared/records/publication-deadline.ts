import type { CountyConfig } from '../config/county-config.ts';
import { addDays, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import { workingDayDeadline, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { RecordInput } from './record-input.ts';
import { isDualPublicityKind } from '../config/record-kinds.ts';

export interface PublicationDeadline {
  /** Last day to publish: the N-th working day after the decision day (which is not counted). */
  deadline: IsoDate;
  /** Received after the deadline. */
  late: boolean;
  /**
   * Working days after the deadline up to and including the day received; at least 1 when late (a record
   * received on a weekend right after a Friday deadline is one day late, not zero).
   */
  lateByWorkingDays: number;
  /** The count ran through a year whose holidays are unknown (weekends only): the deadline may move later. */
  provisional: boolean;
}

/**
 * Dual publicity (双公示): licence and penalty decisions are published within the county's N working
 * days (`deadlines.publicationWorkingDays`, 7 in the notices) of the decision. The platform judges
 * lateness by the day it received the record, county time.
 */
export function publicationDeadline(
  decisionDate: IsoDate,
  receivedOn: IsoDate,
  county: CountyConfig,
  calendar: WorkingDayCalendar,
): PublicationDeadline {
  const { date: deadline, provisional } = workingDayDeadline(decisionDate, county.deadlines.publicationWorkingDays, calendar);
  if (receivedOn <= deadline) return { deadline, late: false, lateByWorkingDays: 0, provisional };
  let lateBy = 0;
  let unknownYear = false;
  for (let day = addDays(deadline, 1); day <= receivedOn; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) lateBy += 1;
    if (!calendar.knowsYear(parseIsoDate(day).year)) unknownYear = true;
  }
  return { deadline, late: true, lateByWorkingDays: Math.max(1, lateBy), provisional: provisional || unknownYear };
}

/** The dual-publicity deadline of a record, or undefined for kinds without one. */
export function publicationDeadlineFor(
  input: RecordInput,
  receivedOn: IsoDate,
  county: CountyConfig,
  calendar: WorkingDayCalendar,
): PublicationDeadline | undefined {
  return isDualPublicityKind(input.kind) ? publicationDeadline(input.decisionDate, receivedOn, county, calendar) : undefined;
}
