import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { DomainError } from '../../shared/errors/domain-errors.ts';
import { statusOfKind } from '../../shared/http/error-status.ts';
import {
  nextUsageListDue,
  parseUsagePeriod,
  periodContaining,
  periodEnded,
  periodStarted,
  periodsDueBefore,
  periodsDueOn,
  periodsJustEnded,
} from '../../shared/usage-lists/usage-periods.ts';

const national = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
const zanhuang = loadCounty('zanhuang').usageList; // monthly, by the 25th
const lianjiang = loadCounty('lianjiang').usageList; // monthly, by the 15th; summaries by 07-15 and 12-15
const wuchang = loadCounty('wuchang').usageList; // quarterly, by the 25th

describe('usage-list periods of each cadence', () => {
  it('a month: its days and the due day in the month after', () => {
    expect(parseUsagePeriod('2026-11', zanhuang, national)).toEqual({
      id: '2026-11',
      kind: 'month',
      name: '2026年11月',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      dueDay: '2026-12-25',
    });
    expect(parseUsagePeriod('2028-02', zanhuang, national)).toMatchObject({ lastDay: '2028-02-29', dueDay: '2028-03-27' }); // 03-25 is a Saturday
    expect(parseUsagePeriod('2026-12', zanhuang, national)).toMatchObject({ lastDay: '2026-12-31', dueDay: '2027-01-25' });
  });

  it('a quarter (Wuchang): three months, due in the month after', () => {
    expect(parseUsagePeriod('2026-Q4', wuchang, national)).toEqual({
      id: '2026-Q4',
      kind: 'quarter',
      name: '2026年第四季度',
      firstDay: '2026-10-01',
      lastDay: '2026-12-31',
      dueDay: '2027-01-25',
    });
    expect(parseUsagePeriod('2026-Q1', wuchang, national)).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-03-31', dueDay: '2026-04-27' }); // 04-25 is a Saturday
  });

  it('moves a due day off weekends and public holidays to the next working day (Civil Code Art. 203)', () => {
    // Zanhuang 2026-09: 10-25 is a Sunday → Monday 10-26.
    expect(parseUsagePeriod('2026-09', zanhuang, national).dueDay).toBe('2026-10-26');
    // Lianjiang 2026-01: 02-15 falls in the Spring Festival holiday (02-15 to 02-23) → 02-24.
    expect(parseUsagePeriod('2026-01', lianjiang, national).dueDay).toBe('2026-02-24');
    // Wuchang 2026-Q2: 07-25 is a Saturday → 07-27.
    expect(parseUsagePeriod('2026-Q2', wuchang, national).dueDay).toBe('2026-07-27');
    // A county's own holiday moves it too.
    const withHoliday = workingDayCalendar({ holidays: ['2026-12-25'], workdays: [], completeYears: [] });
    expect(parseUsagePeriod('2026-11', zanhuang, withHoliday).dueDay).toBe('2026-12-28');
  });

  it("summaries (Lianjiang): from 1 January to the end of the month before the due date, in the file's order", () => {
    expect(lianjiang.summaries.map((s) => s.name)).toEqual(['上半年工作总结', '年度工作总结']);
    expect(parseUsagePeriod('2026-S1', lianjiang, national)).toEqual({
      id: '2026-S1',
      kind: 'summary',
      name: '2026年上半年工作总结',
      firstDay: '2026-01-01',
      lastDay: '2026-06-30',
      dueDay: '2026-07-15',
    });
    expect(parseUsagePeriod('2026-S2', lianjiang, national)).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-11-30', dueDay: '2026-12-15' });
    // 2029-07-15 is a Sunday.
    expect(parseUsagePeriod('2029-S1', lianjiang, national).dueDay).toBe('2029-07-16');
    // A summary due in January covers the whole year before.
    const january = { ...zanhuang, summaries: [{ name: '年度工作总结', dueMonthDay: '01-10' }] };
    expect(parseUsagePeriod('2026-S1', january, national)).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-12-31', dueDay: '2027-01-11' });
  });

  it('finds the period of a day, the periods that just ended and those due on a day', () => {
    expect(periodContaining('2026-11-23', zanhuang, national).id).toBe('2026-11');
    expect(periodContaining('2026-11-23', wuchang, national).id).toBe('2026-Q4');
    expect(periodsJustEnded('2026-12-01', zanhuang, national).map((p) => p.id)).toEqual(['2026-11']);
    expect(periodsJustEnded('2026-12-02', zanhuang, national)).toEqual([]);
    expect(periodsJustEnded('2026-12-01', wuchang, national)).toEqual([]);
    expect(periodsJustEnded('2027-01-01', wuchang, national).map((p) => p.id)).toEqual(['2026-Q4']);
    // 1 July: June and the half-year summary end together; 1 December: November and the year summary.
    expect(periodsJustEnded('2026-07-01', lianjiang, national).map((p) => p.id).sort()).toEqual(['2026-06', '2026-S1']);
    expect(periodsJustEnded('2026-12-01', lianjiang, national).map((p) => p.id).sort()).toEqual(['2026-11', '2026-S2']);

    expect(periodsDueOn('2026-10-26', zanhuang, national).map((p) => p.id)).toEqual(['2026-09']);
    expect(periodsDueOn('2026-10-25', zanhuang, national)).toEqual([]);
    expect(periodsDueOn('2026-02-24', lianjiang, national).map((p) => p.id)).toEqual(['2026-01']);
    expect(periodsDueOn('2026-07-15', lianjiang, national).map((p) => p.id).sort()).toEqual(['2026-06', '2026-S1']);
    expect(periodsDueOn('2027-01-25', wuchang, national).map((p) => p.id)).toEqual(['2026-Q4']);
  });

  it('lists the periods due before a day, bounded, newest first', () => {
    expect(periodsDueBefore('2026-12-26', zanhuang, national).map((p) => p.id)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(periodsDueBefore('2026-12-25', zanhuang, national).map((p) => p.id)).toEqual(['2026-10', '2026-09', '2026-08']);
    expect(periodsDueBefore('2026-12-16', lianjiang, national).map((p) => p.id)).toEqual(['2026-11', '2026-S2', '2026-10', '2026-09']) // 11 and S2 both due 12-15;
    expect(periodsDueBefore('2027-01-26', wuchang, national, 1).map((p) => p.id)).toEqual(['2026-Q4']);
  });

  it('says whether a period has started and ended as of a day; the next due day for the county profile', () => {
    const november = parseUsagePeriod('2026-11', zanhuang, national);
    expect([periodStarted(november, '2026-10-31'), periodStarted(november, '2026-11-01')]).toEqual([false, true]);
    expect([periodEnded(november, '2026-11-30'), periodEnded(november, '2026-12-01')]).toEqual([false, true]);
    expect(nextUsageListDue('2026-11-23', zanhuang, national)).toBe('2026-11-25');
    expect(nextUsageListDue('2026-10-26', zanhuang, national)).toBe('2026-10-26');
    expect(nextUsageListDue('2026-10-27', zanhuang, national)).toBe('2026-11-25');
    expect(nextUsageListDue('2026-07-01', wuchang, national)).toBe('2026-07-27');
  });
});

describe('period ids that are not this county’s', () => {
  const refusal = (id: string, cadence: typeof zanhuang) => {
    try {
      parseUsagePeriod(id, cadence, national);
    } catch (error) {
      return error instanceof DomainError ? { status: statusOfKind[error.kind], field: error.field, message: error.message } : error;
    }
    return undefined;
  };

  it('refuses malformed ids and ids of another cadence with 400 naming path.period and the rule', () => {
    for (const id of ['2026-13', '2026-00', '2026-1', '26-11', 'november', '2026-11-01', '2026-Q4', '1999-12'])
      expect(refusal(id, zanhuang), id).toEqual({
        status: 400,
        field: 'path.period',
        message: "path.period: must be a month written YYYY-MM (e.g. 2026-11): this county's usage lists are monthly",
      });
    for (const id of ['2026-11', '2026-Q5', '2026-Q0', '2026-S1'])
      expect(refusal(id, wuchang), id).toMatchObject({ status: 400, field: 'path.period', message: expect.stringContaining('a quarter written YYYY-Qn') });
    expect(refusal('2026-S3', lianjiang)).toMatchObject({
      field: 'path.period',
      message: expect.stringContaining('or a summary written YYYY-Sn (S1 上半年工作总结, S2 年度工作总结)'),
    });
    expect(refusal('2026-S2', lianjiang)).toBeUndefined();
  });
});
