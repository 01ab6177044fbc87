import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, endOfLocalDay, localDate } from '../../shared/calendar/dates.ts';
import {
  addCalendarMonths,
  addWorkingDays,
  onOrNextWorkingDay,
  workingDayCalendar,
} from '../../shared/calendar/working-day-calendar.ts';

const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });

describe('working days', () => {
  it('skips the National Day holiday and counts the adjusted Saturday (调休) 2026-10-10', () => {
    // Decision on Wed 2026-09-30: Oct 1–7 are off, Sat Oct 10 is an adjusted working day.
    expect(national.isWorkingDay('2026-10-07')).toBe(false);
    expect(national.isWorkingDay('2026-10-10')).toBe(true);
    expect(national.isWorkingDay('2026-10-11')).toBe(false);
    // 7 working days after 09-30: 10-08, 10-09, 10-10 (Sat, adjusted), 10-12, 10-13, 10-14, 10-15
    expect(addWorkingDays('2026-09-30', 7, national)).toBe('2026-10-15');
  });

  it('does not count the start day (Civil Code Art. 201)', () => {
    // Mon 2026-11-23 → the 1st working day after it is Tue 11-24.
    expect(addWorkingDays('2026-11-23', 1, national)).toBe('2026-11-24');
    // From a Friday, 1 working day is the Monday after.
    expect(addWorkingDays('2026-11-20', 1, national)).toBe('2026-11-23');
  });

  it('answers 20 working days for an objection across a weekend-rich month', () => {
    expect(addWorkingDays('2026-11-23', 20, national)).toBe('2026-12-21');
  });

  it('applies county overrides over the national data', () => {
    const county = workingDayCalendar({ holidays: ['2026-11-24'], workdays: ['2026-11-28'], completeYears: [2027] });
    expect(county.isWorkingDay('2026-11-24')).toBe(false);
    expect(county.isWorkingDay('2026-11-28')).toBe(true);
    expect(addWorkingDays('2026-11-23', 1, county)).toBe('2026-11-25');
    expect(county.knowsYear(2027)).toBe(true);
  });

  it('knows which years the national data covers', () => {
    expect(national.knowsYear(2026)).toBe(true);
    expect(national.knowsYear(2099)).toBe(false);
  });

  it('does not take a New Year on a weekend for a known year (2028 and 2033 begin on a Saturday)', () => {
    expect(national.knowsYear(2027)).toBe(false);
    expect(national.knowsYear(2028)).toBe(false);
    expect(national.knowsYear(2033)).toBe(false);
  });

  it('rejects nonsense', () => {
    expect(() => addWorkingDays('2026-11-23', 0, national)).toThrow(RangeError);
    expect(() => national.isWorkingDay('2026-02-30')).toThrow(/not a real date/);
  });
});

describe('calendar periods (Civil Code Arts. 202–203)', () => {
  it('ends a month on the last day of a shorter month', () => {
    expect(addMonthsClamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-05-10', 12)).toBe('2027-05-10');
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('moves a period that ends on a holiday to the next working day', () => {
    // One year from 2025-10-01 ends on 2026-10-01 (National Day) → first working day after the holiday.
    expect(addCalendarMonths('2025-10-01', 12, national)).toBe('2026-10-08');
    expect(onOrNextWorkingDay('2026-11-23', national)).toBe('2026-11-23');
  });
});

describe('county-local dates', () => {
  it('reads the Beijing date of an instant whatever the server zone', () => {
    // 2026-10-08T17:30Z is 2026-10-09 01:30 in Beijing.
    expect(localDate(new Date('2026-10-08T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-10-09');
  });
  it('ends a Beijing day at 16:00 UTC', () => {
    expect(endOfLocalDay('2026-10-09', 'Asia/Shanghai').toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
