import { describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { rankByScore, scoreMonth, yearScore } from '../../shared/compliance/assessment.ts';
import type { DepartmentMonthFacts } from '../../shared/compliance/month-facts.ts';
import { monthToDraft } from '../../shared/bulletins/bulletins.ts';
import { assembleBulletin, trendPoint } from '../../shared/bulletins/assemble-bulletin.ts';

const jiaxian = loadCounty('jiaxian');
const lianjiang = loadCounty('lianjiang');
const facts = (over: Partial<DepartmentMonthFacts> = {}): DepartmentMonthFacts => ({
  orgId: 'dept-a',
  name: '甲局',
  checks: 10,
  withOutcome: 8,
  mattersHandled: 20,
  mattersChecked: 15,
  coverage: 0.75,
  latePublications: 2,
  overdueAnswers: 1,
  usageList: 'late',
  filings: { due: 0, onTime: 0 },
  matterList: 'approved',
  accountabilityCandidates: 5,
  ...over,
});

describe('a month scored by the county rules (考核)', () => {
  it('gives each rule its points out of its weight and the score out of the weights that applied', () => {
    const { score, breakdown } = scoreMonth(facts(), jiaxian.assessment.rules);
    const points = Object.fromEntries(breakdown.map((l) => [l.rule, l.points]));
    // usage list late: half of 25; list approved: 10; coverage 15/20 of 30; outcomes 8/10 of 15; 2 late × 2 off 10; 1 overdue × 5 off 10.
    expect(points).toEqual({ usageListOnTime: 12.5, matterListFiled: 10, coverage: 22.5, outcomesRecorded: 12, latePublications: 6, overdueAnswers: 5 });
    expect(score).toBe(68);
    expect(breakdown.find((l) => l.rule === 'coverage')!.fact).toBe('15/20 件办件已核查');
  });

  it('leaves out what did not apply: no list due, no matter, no check; the rest scales to 100', () => {
    const { score, breakdown } = scoreMonth(facts({ usageList: 'notDue', mattersHandled: 0, mattersChecked: 0, coverage: null, checks: 0, withOutcome: 0, latePublications: 0, overdueAnswers: 0 }), jiaxian.assessment.rules);
    expect(breakdown.filter((l) => l.points === null).map((l) => l.rule)).toEqual(['usageListOnTime', 'coverage', 'outcomesRecorded']);
    expect(score).toBe(100);
    // A list returned scores nothing of its 10 out of the 30 that applied.
    expect(scoreMonth(facts({ usageList: 'notDue', mattersHandled: 0, coverage: null, checks: 0, latePublications: 0, overdueAnswers: 0, matterList: 'returned' }), jiaxian.assessment.rules).score).toBe(66.7);
  });

  it('never takes off more than a rule weighs', () => {
    const { breakdown } = scoreMonth(facts({ latePublications: 40, overdueAnswers: 9 }), jiaxian.assessment.rules);
    expect(breakdown.find((l) => l.rule === 'latePublications')!.points).toBe(0);
    expect(breakdown.find((l) => l.rule === 'overdueAnswers')!.points).toBe(0);
  });

  it("scores Lianjiang's work summaries (001 六(四)): filed on time of those due", () => {
    const line = scoreMonth(facts({ filings: { due: 2, onTime: 1 } }), lianjiang.assessment.rules).breakdown.find((l) => l.rule === 'filingsOnTime')!;
    expect(line).toMatchObject({ weight: 10, points: 5, fact: '1/2 份按时报送' });
    expect(scoreMonth(facts(), lianjiang.assessment.rules).breakdown.find((l) => l.rule === 'filingsOnTime')!.points).toBeNull();
  });

  it('ranks best first, equal scores sharing a rank; the year is the mean of its months', () => {
    const ranked = rankByScore([{ orgId: 'b', score: 80 }, { orgId: 'a', score: 90 }, { orgId: 'c', score: 80 }, { orgId: 'd', score: 70 }]);
    expect(ranked.map((r) => `${r.orgId}${r.rank}`)).toEqual(['a1', 'b2', 'c2', 'd4']);
    expect(yearScore([80, 90, 75])).toBe(81.7);
    expect(yearScore([])).toBeNull();
  });
});

describe('the county file says the rules, with their clauses', () => {
  const raw = () => JSON.parse(JSON.stringify({ ...jiaxian })) as Record<string, any>;
  it('refuses weights that do not add up to 100, a rule twice, a deduction missing or misplaced', () => {
    const bad = (rules: unknown[]) => {
      const r = raw();
      r.assessment = { ...r.assessment, rules };
      return () => parseCountyConfig(r, 'test.json');
    };
    expect(bad([{ id: 'coverage', weight: 60 }, { id: 'usageListOnTime', weight: 30 }])).toThrow(/add up to 100 \(they add up to 90\)/);
    expect(bad([{ id: 'coverage', weight: 50 }, { id: 'coverage', weight: 50 }])).toThrow(/listed twice/);
    expect(bad([{ id: 'coverage', weight: 50 }, { id: 'latePublications', weight: 50 }])).toThrow(/how many points one item takes off/);
    expect(bad([{ id: 'coverage', weight: 50, deductPerItem: 2 }, { id: 'latePublications', weight: 50, deductPerItem: 1 }])).toThrow(/applies to latePublications and overdueAnswers only/);
  });
  it("each county cites its own notice for the assessment, or the platform's default", () => {
    expect(jiaxian.assessment.source).toMatchObject({ notice: '郏信用办〔2021〕2号', clause: '六、(十三)' });
    expect(lianjiang.bulletins.source).toMatchObject({ notice: '连发改信用[2017]1号', clause: '六、(四)' });
    expect(loadCounty('zanhuang').bulletins.reportedTo?.bodies).toEqual(['县委', '县政府']);
    expect('platformDefault' in loadCounty('kunming').assessment.source).toBe(true);
  });
});

describe('the bulletin', () => {
  it('is drafted for the month before, from the county draft day on', () => {
    expect(monthToDraft('2026-12-09', jiaxian)).toBeUndefined();
    expect(monthToDraft('2026-12-10', jiaxian)).toBe('2026-11');
    expect(monthToDraft('2027-01-31', jiaxian)).toBe('2026-12');
  });
  it("sums the county's month for the trend, coverage over all matters, lists on time of those due", () => {
    const point = trendPoint({ month: '2026-11', departments: [facts(), facts({ orgId: 'b', mattersHandled: 0, mattersChecked: 0, usageList: 'onTime', checks: 3 }), facts({ orgId: 'c', usageList: 'notDue' })] as never });
    expect(point).toEqual({ month: '2026-11', checks: 23, coverage: 30 / 40, latePublications: 6, overdueAnswers: 3, listsOnTime: 1, listsDue: 2 });
  });
  it('keeps the trend to the county months, the month itself last', () => {
    const assessed = { month: '2026-11', asOf: '2026-12-10', complete: true, departments: [], accountability: [], rules: [], clause: 'c', weightsClause: 'w' };
    const earlier = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map((month) => ({ month, checks: 1, coverage: null, latePublications: 0, overdueAnswers: 0, listsOnTime: 0, listsDue: 0 }));
    const content = assembleBulletin({ county: jiaxian, assessed, earlier, officeText: [], state: 'draft' });
    expect(content.trend.map((p) => p.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(content.title).toBe('郏县2026年11月在行政管理事项中使用信用记录和信用报告情况通报');
  });
});
