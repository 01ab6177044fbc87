import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { yearsMissingFromCalendar } from '../../shared/calendar/calendar-coverage.ts';
import { nextUsageListDue } from '../../shared/usage/usage-list-due.ts';
import { answerDeadline } from '../../shared/verification/answer-deadline.ts';

const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });

describe('objection answer deadline', () => {
  it('ends at the end of the 20th working day after the notice, Beijing time', () => {
    const county = loadCounty('kunming');
    const deadline = answerDeadline('2026-11-23', county, new Date('2026-11-23T02:00:00Z'));
    expect(deadline.answerBy).toBe('2026-12-21');
    // 2026-12-21 ends at 2026-12-21T16:00Z.
    expect(deadline.timeoutSeconds).toBe((Date.parse('2026-12-21T16:00:00Z') - Date.parse('2026-11-23T02:00:00Z')) / 1000);
  });
  it('times out at once (1 s) when the deadline has passed', () => {
    expect(answerDeadline('2026-01-05', loadCounty('kunming'), new Date('2026-11-23T02:00:00Z')).timeoutSeconds).toBe(1);
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
