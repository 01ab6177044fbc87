/**
 * The deadline arithmetic on the test date (TEST_DATE; CI runs this file at every date of test/dates.json),
 * for every county: what must hold on any day, and that the matrix's dates are what they say they are.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, parseIsoDate } from '../../shared/calendar/dates.ts';
import { calendarHorizonDays, yearsMissingFromCalendar } from '../../shared/calendar/calendar-coverage.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { answerDay, workingDaysBefore } from '../../shared/cases/case-deadline.ts';
import { loadCounties } from '../../shared/config/load-counties.ts';
import { publicationDeadline } from '../../shared/records/publication-deadline.ts';
import { validUntilOf } from '../../shared/reports/report-rules.ts';
import { periodContaining, periodsDueOn, periodsJustEnded } from '../../shared/usage-lists/usage-periods.ts';
import { dateMatrix, testDate } from '../support/test-date.ts';

const today = testDate;

describe.each(loadCounties().map((c) => [c.id, c] as const))(`%s on ${today}`, (_id, county) => {
  const calendar = workingDayCalendar(county.calendar);

  it('the usage period containing today holds it; its due day is a working day after it ends', () => {
    const period = periodContaining(today, county.usageList, calendar);
    expect(period.firstDay <= today && today <= period.lastDay, JSON.stringify(period)).toBe(true);
    expect(period.dueDay > period.lastDay).toBe(true);
    expect(calendar.isWorkingDay(period.dueDay), period.dueDay).toBe(true);
    const reminder = workingDaysBefore(period.dueDay, 3, calendar);
    expect(reminder < period.dueDay && calendar.isWorkingDay(reminder)).toBe(true);
  });

  it('a period just ended is the one containing yesterday, and a period due today is due today', () => {
    for (const p of periodsJustEnded(today, county.usageList, calendar)) expect(p.lastDay).toBe(addDays(today, -1));
    for (const p of periodsDueOn(today, county.usageList, calendar)) expect(p.dueDay).toBe(today);
  });

  it('a decision today is published by a working day at least N working days ahead; received today it is on time', () => {
    const publication = publicationDeadline(today, today, county, calendar);
    expect(publication.late).toBe(false);
    expect(calendar.isWorkingDay(publication.deadline)).toBe(true);
    expect(publication.deadline >= addDays(today, county.deadlines.publicationWorkingDays)).toBe(true);
    const lateBy1 = publicationDeadline(today, addDays(publication.deadline, 1), county, calendar);
    expect(lateBy1.late).toBe(true);
  });

  it('an objection raised today is answered by a working day, 20 working days on', () => {
    const by = answerDay(today, county);
    expect(calendar.isWorkingDay(by)).toBe(true);
    expect(by >= addDays(today, county.deadlines.objectionAnswerWorkingDays)).toBe(true);
  });

  it('a report issued today is valid a year, to a working day (Civil Code Arts. 202–203)', () => {
    const until = validUntilOf(today, 12, calendar);
    expect(until >= addDays(today, 365)).toBe(true);
    expect(until <= addDays(today, 366 + 10)).toBe(true);
    expect(calendar.isWorkingDay(until)).toBe(true);
  });

  it('a year the calendar does not know within the horizon is named', () => {
    const missing = yearsMissingFromCalendar(today, calendar);
    const years = [parseIsoDate(today).year, parseIsoDate(addDays(today, calendarHorizonDays)).year];
    for (const year of new Set(years)) expect(missing.includes(year)).toBe(!calendar.knowsYear(year));
  });
});

describe('the date matrix is what it says', () => {
  const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
  const find = (word: string) => dateMatrix().find((d) => d.why.includes(word))!.date;
  it('covers the 1st, 15th, 25th and a month end, a quarter end, 07-15, 12-15 and 12-31', () => {
    const days = dateMatrix().map((d) => d.date);
    for (const suffix of ['-01', '-15', '-25', '-07-15', '-12-15', '-12-31', '-09-30']) expect(days.some((d) => d.endsWith(suffix)), suffix).toBe(true);
    expect(days.some((d) => parseIsoDate(addDays(d, 1)).day === 1)).toBe(true);
  });
  it('has a day inside the Spring Festival holiday, an adjusted working Saturday, a year the calendar does not know', () => {
    expect(national.isWorkingDay(find('Spring Festival'))).toBe(false);
    expect(dayOfWeek(find('Saturday'))).toBe(6);
    expect(national.isWorkingDay(find('Saturday'))).toBe(true);
    expect(national.knowsYear(parseIsoDate(find('does not know')).year)).toBe(false);
  });
});
