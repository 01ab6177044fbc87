import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { yearsMissingFromCalendar } from '../../shared/calendar/calendar-coverage.ts';
import { nextUsageListDue } from '../../shared/usage-lists/usage-list-due.ts';
import { answerDay, answerDeadlineInstant, nextWake, workingDaysBefore } from '../../shared/cases/case-deadline.ts';

const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });

describe('objection answer deadline and the waits of the workflow', () => {
  const county = loadCounty('kunming');
  it('the answer day is the 20th working day after the notice', () => {
    expect(answerDay('2026-11-23', county)).toBe('2026-12-21');
    // 2026-12-21 ends at 2026-12-21T16:00Z (Beijing midnight).
    expect(answerDeadlineInstant('2026-12-21', county).toISOString()).toBe('2026-12-21T16:00:00.000Z');
  });

  it('wakes for the reminders (09:00, 5 and 1 working days before), then at the end of the answer day', () => {
    const opened = new Date('2026-11-23T02:00:00Z');
    const first = nextWake('2026-12-21', county, opened);
    // 5 working days before Mon 2026-12-21 is Mon 2026-12-14.
    expect(first).toEqual({ answerBy: '2026-12-21', phase: 'reminder', wakeAt: '2026-12-14T01:00:00.000Z', timeoutSeconds: (Date.parse('2026-12-14T01:00:00Z') - opened.getTime()) / 1000 });
    expect(nextWake('2026-12-21', county, new Date(first.wakeAt))).toMatchObject({ phase: 'reminder', wakeAt: '2026-12-18T01:00:00.000Z' });
    expect(nextWake('2026-12-21', county, new Date('2026-12-18T01:00:00Z'))).toMatchObject({ phase: 'deadline', wakeAt: '2026-12-21T16:00:00.000Z' });
  });

  it('after the answer day, escalates every 5 working days at 09:00, for as long as it takes', () => {
    expect(nextWake('2026-12-21', county, new Date('2026-12-21T16:00:00Z'))).toMatchObject({ phase: 'escalation', wakeAt: '2026-12-28T01:00:00.000Z' });
    expect(nextWake('2026-12-21', county, new Date('2026-12-28T01:00:00Z'))).toMatchObject({ phase: 'escalation', wakeAt: '2027-01-04T01:00:00.000Z' });
  });

  it('waits at least one second, so a case opened after its answer day moves on at once', () => {
    expect(nextWake('2026-01-05', county, new Date('2026-01-06T00:00:00Z')).timeoutSeconds).toBeGreaterThanOrEqual(1);
  });

  it('counts working days backwards across a weekend', () => {
    expect(workingDaysBefore('2026-12-21', 1, workingDayCalendar(county.calendar))).toBe('2026-12-18');
  });
});

describe('usage list due dates', () => {
  it('monthly by the 25th (Zanhuang), moved off a weekend', () => {
    const cadence = loadCounty('zanhuang').usageList;
    expect(nextUsageListDue('2026-11-23', cadence, national)).toBe('2026-11-25');
    // 2026-10-25 is a Sunday → Monday 10-26.
    expect(nextUsageListDue('2026-10-01', cadence, national)).toBe('2026-10-26');
    expect(nextUsageListDue('2026-11-26', cadence, national)).toBe('2026-12-25');
  });
  it('quarterly (Wuchang): in the month after each quarter', () => {
    const cadence = loadCounty('wuchang').usageList;
    expect(nextUsageListDue('2026-11-23', cadence, national)).toBe('2027-01-25');
    expect(nextUsageListDue('2026-07-01', cadence, national)).toBe('2026-07-27'); // 07-25 is a Saturday
  });
});

describe('calendar coverage', () => {
  it('finds the next year missing from the national data when deadlines reach into it', () => {
    expect(yearsMissingFromCalendar('2026-11-23', national)).toEqual([2027]);
    expect(yearsMissingFromCalendar('2026-06-01', national)).toEqual([]);
    const stated = workingDayCalendar({ holidays: [], workdays: [], completeYears: [2027] });
    expect(yearsMissingFromCalendar('2026-11-23', stated)).toEqual([]);
  });
});
