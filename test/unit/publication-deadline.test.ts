import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { calendarPeriodEnd, workingDayCalendar, workingDayDeadline } from '../../shared/calendar/working-day-calendar.ts';
import { publicationDeadline, publicationDeadlineFor } from '../../shared/records/publication-deadline.ts';
import type { RecordInput } from '../../shared/records/record-input.ts';

// 2026 as chinese-days ships it (State Council notice for 2026): Spring Festival Feb 15–23 off, Sat Feb 14 and
// Sat Feb 28 worked; Mid-Autumn Fri Sep 25 off; National Day Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked.
const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
const county = loadCounty('jiaxian'); // 7 working days
// A county file that states 2027's New Year holiday (a hypothetical entry: the real notice is not out in the data).
const stated2027 = workingDayCalendar({ holidays: ['2027-01-01'], workdays: [], completeYears: [2027] });

describe('the 2026 calendar data these tests rely on', () => {
  it('has the National Day, Mid-Autumn and Spring Festival days off and the adjusted working days', () => {
    expect(['2026-09-20', '2026-10-10', '2026-02-14', '2026-02-28'].map(national.isWorkingDay)).toEqual([true, true, true, true]);
    expect(['2026-09-25', '2026-10-01', '2026-10-07', '2026-02-16', '2026-02-23'].map(national.isWorkingDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(national.knowsYear(2026)).toBe(true);
    expect(national.knowsYear(2027)).toBe(false);
  });
});

describe('working-day deadlines', () => {
  it('skips National Day and counts Sat 2026-10-10', () => {
    // From Wed 09-30: 10-08, 10-09, 10-10 (Sat, worked), 10-12, 10-13, 10-14, 10-15.
    expect(workingDayDeadline('2026-09-30', 7, national)).toEqual({ date: '2026-10-15', provisional: false });
  });

  it('counts Sun 2026-09-20 and skips the Mid-Autumn Festival', () => {
    // From Sat 09-19: 09-20 (Sun, worked), 21, 22, 23, 24, (25 off), 28, 29.
    expect(workingDayDeadline('2026-09-19', 7, national)).toEqual({ date: '2026-09-29', provisional: false });
  });

  it('skips the Spring Festival and counts both adjusted Saturdays', () => {
    // From Fri 02-13: 02-14 (Sat, worked), 02-24, 25, 26, 27, 02-28 (Sat, worked), 03-02.
    expect(workingDayDeadline('2026-02-13', 7, national)).toEqual({ date: '2026-03-02', provisional: false });
  });

  it('is provisional when it reaches a year whose holidays are unknown', () => {
    // From Mon 2026-12-28: 29, 30, 31, then 2027 counted by weekends only: 01-01 (Fri), 01-04, 01-05, 01-06.
    expect(workingDayDeadline('2026-12-28', 7, national)).toEqual({ date: '2027-01-06', provisional: true });
  });

  it('is firm once the county file states that year', () => {
    expect(workingDayDeadline('2026-12-28', 7, stated2027)).toEqual({ date: '2027-01-07', provisional: false });
  });
});

describe('month periods', () => {
  it('moves off a holiday and is firm in a known year', () => {
    expect(calendarPeriodEnd('2026-07-01', 3, national)).toEqual({ date: '2026-10-08', provisional: false });
    expect(calendarPeriodEnd('2026-04-01', 0, national)).toEqual({ date: '2026-04-01', provisional: false });
  });

  it('is provisional when it ends in an unknown year, firm when the county states it', () => {
    expect(calendarPeriodEnd('2026-04-01', 12, national)).toEqual({ date: '2027-04-01', provisional: true });
    expect(calendarPeriodEnd('2026-04-01', 12, stated2027)).toEqual({ date: '2027-04-01', provisional: false });
  });

  it('refuses negative or fractional months', () => {
    expect(() => calendarPeriodEnd('2026-04-01', -1, national)).toThrow(RangeError);
    expect(() => calendarPeriodEnd('2026-04-01', 1.5, national)).toThrow(RangeError);
  });
});

describe('dual publicity deadline', () => {
  it('is not late on the 7th working day after the decision', () => {
    expect(publicationDeadline('2026-09-30', '2026-10-15', county, national)).toEqual({
      deadline: '2026-10-15',
      late: false,
      lateByWorkingDays: 0,
      provisional: false,
    });
    // Received the same day as the decision.
    expect(publicationDeadline('2026-09-30', '2026-09-30', county, national).late).toBe(false);
  });

  it('is late the day after, counted in working days', () => {
    expect(publicationDeadline('2026-09-30', '2026-10-16', county, national)).toMatchObject({ late: true, lateByWorkingDays: 1 });
    // Fri 2026-11-20 is the deadline for Wed 11-11; Tue 11-24 is 2 working days late (Mon 23, Tue 24).
    expect(publicationDeadline('2026-11-11', '2026-11-24', county, national)).toMatchObject({
      deadline: '2026-11-20',
      late: true,
      lateByWorkingDays: 2,
    });
    // Received on the Saturday after: late, and at least one day late.
    expect(publicationDeadline('2026-11-11', '2026-11-21', county, national)).toMatchObject({ late: true, lateByWorkingDays: 1 });
  });

  it('applies to licences and penalties only', () => {
    const decided = { decisionDate: '2026-09-30' } as const;
    expect(publicationDeadlineFor({ ...decided, kind: 'penalty' } as RecordInput, '2026-10-20', county, national)).toMatchObject({
      deadline: '2026-10-15',
      late: true,
      lateByWorkingDays: 3,
    });
    expect(publicationDeadlineFor({ ...decided, kind: 'licence' } as RecordInput, '2026-10-09', county, national)?.late).toBe(false);
    expect(publicationDeadlineFor({ ...decided, kind: 'reward' } as RecordInput, '2026-10-20', county, national)).toBeUndefined();
  });

  it('says when the deadline may still move', () => {
    expect(publicationDeadline('2026-12-28', '2027-01-05', county, national)).toMatchObject({ deadline: '2027-01-06', provisional: true });
    expect(publicationDeadline('2026-12-28', '2027-01-05', county, stated2027)).toMatchObject({ deadline: '2027-01-07', provisional: false });
  });
});
