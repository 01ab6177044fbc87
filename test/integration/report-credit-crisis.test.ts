/**
 * Issue 17 §6 (first part): a report stays valid for its year unless its subject meets a major credit crisis
 * (000 二(三), 001 二(三)): a black-list entry after its issue date flags it for re-evaluation in every check.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
const good = demoSubjects(county).find((s) => s.key === 'good')!;
let platform: LocalPlatform;
/** The reports the check showed flagged: each is told to its agency and the office. */
let flaggedReports: { reportNumber: string; agencyId: string }[] = [];
beforeAll(async () => {
  platform = await startTestPlatform(county, 'report-crisis-it', { demo: true });
});
afterAll(() => platform?.stop());

it('a black-list entry after the issue date flags the valid report in a check; before it, none', async () => {
  const check = () => callApi(platform, 'POST', '/checks', 'department', 'dept-finance', { subjectId: good.uscc, matter: { type: 'procurement', reference: `CR-${Date.now()}`, name: '采购' } });
  const before = await check();
  const report = before.body.reports.find((r: { reportNumber: string }) => r.reportNumber === 'XY-DEMO-GOOD');
  expect(report).toBeDefined();
  expect(report.reEvaluation).toBeUndefined();

  const today = localDate(platform.clock.now(), county.timeZone);
  const organ = `11${county.divisionCode}MB0000009`;
  const listed = await callApi(platform, 'POST', '/records', 'department', 'dept-tax', {
    kind: 'blackList',
    subject: { name: good.name, category: 'legalPerson', uscc: good.uscc, legalRepresentative: '张三' },
    decisionNumber: '郏税黑〔2026〕9号',
    decisionDate: addDays(today, -1),
    authority: { name: '郏县税务局', uscc: organ + usccCheckCharacter(organ) },
    sourceDepartment: '郏县税务局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件',
    listedUntil: addDays(today, 700),
  });
  expect(listed.status, JSON.stringify(listed.body)).toBe(201);

  const after = await check();
  const flagged = after.body.reports.find((r: { reportNumber: string }) => r.reportNumber === 'XY-DEMO-GOOD');
  expect(flagged.reEvaluation).toMatchObject({ since: { recordId: listed.body.recordId, kind: 'blackList', decisionNumber: '郏税黑〔2026〕9号' } });
  expect(flagged.reEvaluation.reason).toContain('重大信用危机');
  flaggedReports = after.body.reports.filter((r: { reEvaluation?: unknown }) => r.reEvaluation);
});

it('the daily scan tells the issuing agency and the credit office once; a rerun publishes nothing again', async () => {
  const today = localDate(platform.clock.now(), county.timeZone);
  const first = (await platform.invoke('overdue-scan', { date: today })) as { sources: { source: string; itemsDue: number; noticesPublished: number }[] };
  expect(first.sources.find((s) => s.source === 'report-crisis')).toMatchObject({ itemsDue: flaggedReports.length, noticesPublished: 2 * flaggedReports.length });
  const again = (await platform.invoke('overdue-scan', { date: today })) as typeof first;
  expect(again.sources.find((s) => s.source === 'report-crisis')).toMatchObject({ itemsDue: flaggedReports.length, noticesPublished: 0 });

  const agency = await callApi(platform, 'GET', '/notices', 'agency', 'agency-xinyuan');
  const told = agency.body.notices.filter((n: { kind: string; title: string }) => n.kind === 'report-crisis' && n.title.includes('XY-DEMO-GOOD'));
  expect(told).toHaveLength(1);
  expect(told[0].title).toContain('XY-DEMO-GOOD');
  expect(told[0].text).toContain('郏税黑〔2026〕9号');
  expect(told[0].text).toContain('郏信用办〔2021〕2号 二、(三)');
  const office = await callApi(platform, 'GET', '/notices', 'creditOffice', 'credit-office');
  // The office reads every notice: its own, one per flagged report, and the agencies'.
  expect(office.body.notices.filter((n: { kind: string; addressee: string }) => n.kind === 'report-crisis' && n.addressee === 'creditOffice')).toHaveLength(flaggedReports.length);
  // Each agency hears of its own reports only; it is no public notice.
  for (const agencyId of ['agency-xinyuan', 'agency-huaxin']) {
    const notices = (await callApi(platform, 'GET', '/notices', 'agency', agencyId)).body.notices;
    expect(notices.filter((n: { kind: string }) => n.kind === 'report-crisis')).toHaveLength(flaggedReports.filter((r) => r.agencyId === agencyId).length);
  }
  const publicNotices = await callApi(platform, 'GET', `/public/notices?date=${today}`);
  expect(publicNotices.body.notices.filter((n: { kind: string }) => n.kind === 'report-crisis')).toHaveLength(0);
});
