/**
 * Narrative filings (issue 17 §5): each county's cadences as its notice states them, the county file's
 * validation of them, and the due-day rules (pure, no emulators).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { parseCountyConfig, type CountyConfig } from '../../shared/config/county-config.ts';
import { countiesDir, loadCounties, loadCounty } from '../../shared/config/load-counties.ts';
import { documentProblem, extensionMatches } from '../../shared/filings/document-check.ts';
import { filingPeriodsToWatch } from '../../shared/filings/filings-due.ts';
import { filingState, inReminderWindow, parseFilingPeriod, periodsDueBetween, periodsOfYear } from '../../shared/filings/filing-periods.ts';
import { InvalidInput } from '../../shared/errors/domain-errors.ts';

const lianjiang = loadCounty('lianjiang');
const wuchang = loadCounty('wuchang');
const calendarOf = (c: CountyConfig) => workingDayCalendar(c.calendar);
const summaries = lianjiang.filings.kinds[0]!;
const quarterly = wuchang.filings.kinds[0]!;
const raw = (id: string) => JSON.parse(readFileSync(join(countiesDir, `${id}.json`), 'utf8'));
const refusal = (content: unknown) => {
  try {
    parseCountyConfig(content, 'test.json');
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('each county file states the narrative filings its notice asks for', () => {
  it('Lianjiang: the work summaries (工作总结) by 07-15 and 12-15, 六、(四)', () => {
    expect(lianjiang.filings.kinds.map((k) => k.id)).toEqual(['work-summary']);
    expect(summaries.due).toEqual({
      cadence: 'fixed',
      dates: [
        { period: 'H1', name: '上半年工作总结', monthDay: '07-15' },
        { period: 'H2', name: '年度工作总结', monthDay: '12-15' },
      ],
    });
    expect(summaries.source).toMatchObject({ notice: '连发改信用[2017]1号', clause: '六、(四)' });
    expect((summaries.source as { quote: string }).quote).toContain('7月15日和12月15日前');
  });

  it('Wuchang: a quarterly report with the rules, policies and measures made (三、(三)); the day is the platform’s', () => {
    expect(wuchang.filings.kinds.map((k) => k.id)).toEqual(['rules-and-measures']);
    expect(quarterly.due).toEqual({ cadence: 'quarterly', dueDay: 25 });
    expect(quarterly.source).toMatchObject({ notice: '武昌信用办〔2018〕3号', clause: '三、(三)' });
    expect((quarterly.source as { quote: string }).quote).toContain('制定的制度、政策和措施要及时上报');
    expect(quarterly.dueSource).toHaveProperty('platformDefault');
  });

  it('Jiaxian, Kunming and Zanhuang ask for none: an empty list, saying why', () => {
    for (const c of loadCounties().filter((c) => ['jiaxian', 'kunming', 'zanhuang'].includes(c.id))) {
      expect(c.filings.kinds, c.id).toEqual([]);
      expect(c.filings.source, c.id).toHaveProperty('platformDefault');
    }
  });

  it('a document is at most 20 MB unless the county says otherwise', () => {
    expect(lianjiang.filings.maxDocumentBytes).toBe(20 * 1024 * 1024);
    const file = raw('jiaxian');
    delete file.filings;
    expect(parseCountyConfig(file, 'jiaxian.json').filings).toMatchObject({ kinds: [], maxDocumentBytes: 20 * 1024 * 1024 });
  });
});

describe('the county file refuses a filing it cannot follow, naming the field', () => {
  const withKinds = (kinds: unknown[]) => ({ ...raw('lianjiang'), filings: { ...raw('lianjiang').filings, kinds } });
  const kind = () => structuredClone(raw('lianjiang').filings.kinds[0]);

  it('a kind without the clause that asks for it, or citing another county’s notice', () => {
    const k = kind();
    delete k.source;
    expect(refusal(withKinds([k]))).toMatch(/filings\.kinds\.0\.source/);
    const other = kind();
    other.source = { notice: '武昌信用办〔2018〕3号', clause: '三、(三)', quote: '每季度' };
    expect(refusal(withKinds([other]))).toMatch(/filings\.kinds\.0\.source\.notice: must be the county's own notice/);
    const unquoted = kind();
    delete unquoted.source.quote;
    expect(refusal(withKinds([unquoted]))).toMatch(/filings\.kinds\.0\.source\.quote/);
  });

  it('a due day that is not one every year has, a period code twice, a kind twice, a cadence it does not know', () => {
    const leap = kind();
    leap.due.dates[0].monthDay = '02-29';
    expect(refusal(withKinds([leap]))).toMatch(/filings\.kinds\.0\.due\.dates\.0\.monthDay: must be a day every year has/);
    const twice = kind();
    twice.due.dates[1].period = 'H1';
    expect(refusal(withKinds([twice]))).toMatch(/filings\.kinds\.0\.due\.dates\.1\.period: period code "H1" is named twice/);
    expect(refusal(withKinds([kind(), kind()]))).toMatch(/filings\.kinds\.1\.id: duplicate filing kind/);
    const weekly = kind();
    weekly.due = { cadence: 'weekly', dueDay: 5 };
    expect(refusal(withKinds([weekly]))).toMatch(/filings\.kinds\.0\.due/);
    const late = kind();
    late.due = { cadence: 'monthly', dueDay: 31 };
    expect(refusal(withKinds([late]))).toMatch(/filings\.kinds\.0\.due\.dueDay/);
  });
});

describe('due days', () => {
  it('fixed days of the year: 2026-H1 due 07-15, 2026-H2 due 12-15 (both working days)', () => {
    expect(periodsOfYear(summaries, 2026, calendarOf(lianjiang)).map((p) => [p.id, p.name, p.dueDay])).toEqual([
      ['2026-H1', '2026年上半年工作总结', '2026-07-15'],
      ['2026-H2', '2026年年度工作总结', '2026-12-15'],
    ]);
  });

  it('a due day on a weekend moves to the next working day (2027-12-15 is a Wednesday; 2029-07-15 a Sunday)', () => {
    const [h1] = periodsOfYear(summaries, 2029, calendarOf(lianjiang));
    expect(h1).toMatchObject({ statedDueDay: '2029-07-15', dueDay: '2029-07-16' });
  });

  it('quarters: due by the 25th of the month after (Q4 in January of the next year), moved off holidays', () => {
    const periods = periodsOfYear(quarterly, 2026, calendarOf(wuchang));
    expect(periods.map((p) => [p.id, p.statedDueDay])).toEqual([
      ['2026-Q1', '2026-04-25'],
      ['2026-Q2', '2026-07-25'],
      ['2026-Q3', '2026-10-25'],
      ['2026-Q4', '2027-01-25'],
    ]);
    expect(periods[0]!.name).toBe('2026年第一季度使用情况及制度、政策和措施');
    // 2026-04-25 is a Saturday; 2026-07-25 a Saturday; 2026-10-25 a Sunday.
    expect(periods.map((p) => p.dueDay).slice(0, 3)).toEqual(['2026-04-27', '2026-07-27', '2026-10-26']);
  });

  it('a period id the kind does not have is refused naming the field and the rule', () => {
    const cal = calendarOf(lianjiang);
    expect(parseFilingPeriod(summaries, '2026-H2', cal).dueDay).toBe('2026-12-15');
    for (const bad of ['2026-Q1', '2026-H3', '2026-07', '1999-H1', 'H1'])
      expect(() => parseFilingPeriod(summaries, bad, cal)).toThrow(expect.objectContaining({ field: 'body.period', message: expect.stringContaining('H1 (上半年工作总结, due 07-15)') }));
    expect(() => parseFilingPeriod(quarterly, '2026-Q5', calendarOf(wuchang), 'query.period')).toThrow(InvalidInput);
  });

  it('periods due between two days, across a year end', () => {
    expect(periodsDueBetween(quarterly, '2026-12-01', '2027-02-01', calendarOf(wuchang)).map((p) => p.id)).toEqual(['2026-Q4']);
    expect(periodsDueBetween(summaries, '2026-01-01', '2026-12-31', calendarOf(lianjiang)).map((p) => p.id)).toEqual(['2026-H1', '2026-H2']);
  });

  it('state: on time by the first filing’s day, late after the due day, missing once past it, not yet due before', () => {
    const [h1] = periodsOfYear(summaries, 2026, calendarOf(lianjiang));
    expect(filingState(h1!, '2026-07-15', '2026-08-01')).toBe('onTime');
    expect(filingState(h1!, '2026-07-16', '2026-08-01')).toBe('late');
    expect(filingState(h1!, undefined, '2026-07-15')).toBe('notYetDue');
    expect(filingState(h1!, undefined, '2026-07-16')).toBe('missing');
  });

  it('reminders: from the kind’s working days before the due day to the due day; overdue: after it, for a bounded time', () => {
    const cal = calendarOf(lianjiang);
    const [h1] = periodsOfYear(summaries, 2026, cal); // due Wednesday 2026-07-15, 3 working days: from Friday 07-10
    expect(inReminderWindow(summaries, h1!, '2026-07-09', cal)).toBe(false);
    expect(inReminderWindow(summaries, h1!, '2026-07-10', cal)).toBe(true);
    expect(inReminderWindow(summaries, h1!, '2026-07-15', cal)).toBe(true);
    expect(inReminderWindow(summaries, h1!, '2026-07-16', cal)).toBe(false);
    expect(filingPeriodsToWatch(lianjiang, cal, '2026-07-13')).toMatchObject({ reminders: [{ id: '2026-H1' }], overdue: [] });
    expect(filingPeriodsToWatch(lianjiang, cal, '2026-07-16')).toMatchObject({ reminders: [], overdue: [{ id: '2026-H1' }] });
    expect(filingPeriodsToWatch(lianjiang, cal, '2026-11-01')).toEqual({ reminders: [], overdue: [] });
    expect(filingPeriodsToWatch(loadCounty('jiaxian'), cal, '2026-07-16')).toEqual({ reminders: [], overdue: [] });
  });
});

describe('what a filed document may be (magic bytes)', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const doc = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....xl/workbook.xml')]);

  it('accepts what the type says, refuses anything else', () => {
    expect(documentProblem('application/pdf', pdf)).toBeUndefined();
    expect(documentProblem('application/msword', doc)).toBeUndefined();
    expect(documentProblem('application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx)).toBeUndefined();
    expect(documentProblem('application/pdf', doc)).toMatch(/not a PDF/);
    expect(documentProblem('application/msword', pdf)).toMatch(/not a Word 97–2003/);
    expect(documentProblem('application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip)).toMatch(/not a Word document/);
    expect(documentProblem('application/pdf', Buffer.from('%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'))).toMatch(/active content/);
    expect(extensionMatches('总结.PDF', 'application/pdf')).toBe(true);
    expect(extensionMatches('总结.docx', 'application/msword')).toBe(false);
  });
});
