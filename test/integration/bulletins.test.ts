/**
 * Issue 17 §3, §4, §6: the local clock moves across a month end. The month's checks, matters handled (demo data,
 * dated by the platform clock), a late objection answer and a credit crisis happen in the month; on the county's
 * draft day the schedule drafts the month before's bulletin; the office reads the scores with their
 * breakdowns and the accountability list, annotates a score, writes its text and publishes. The PDF (text
 * extracted) carries the figures, the charts' titles and the accountability list; the workbook its sheets; the
 * departments are told; the scores of the month are then final. A report flagged in the month by a credit crisis
 * is flagged in a check.
 *
 * The county is Jiaxian with `bulletins.publicSite.publish` turned on, to walk the public path too (no notice makes
 * a bulletin public, so no county file does: the platform's default is off).
 */
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { shiftMonth } from '../../shared/compliance/month-facts.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const base = loadCounty('jiaxian');
const county = { ...base, bulletins: { ...base.bulletins, publicSite: { publish: true, source: { platformDefault: 'test: the public path' } } } } as typeof base;
const good = demoSubjects(county).find((s) => s.key === 'good')!;

let platform: LocalPlatform;
let month: string;
let draftDay: string;
let listedOn: string;
const office = (method: string, path: string, body?: unknown) => callApi(platform, method, path, 'creditOffice', 'credit-office', body);
const dept = (method: string, path: string, orgId = 'dept-finance', body?: unknown) => callApi(platform, method, path, 'department', orgId, body);

async function download(path: string, role?: 'creditOffice' | 'department', orgId?: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: role ? { authorization: `Bearer ${await platform.token(role, orgId!)}` } : {} });
  return { status: response.status, type: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
}
async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return (text as string).replace(/\s+/g, '');
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'bulletins-it', { demo: true });
  const today = localDate(platform.clock.now(), county.timeZone);
  month = today.slice(0, 7);
  listedOn = today;
  // A check in the month naming a matter, for the checks column; and a credit crisis on a subject with a valid report.
  expect((await dept('POST', '/checks', 'dept-finance', { subjectId: good.uscc, matter: { type: 'procurement', reference: `BL-${today}`, name: '政府采购' } })).status).toBe(201);
  const organ = `11${county.divisionCode}MB0000009`;
  const listed = await dept('POST', '/records', 'dept-tax', {
    kind: 'blackList',
    subject: { name: good.name, category: 'legalPerson', uscc: good.uscc, legalRepresentative: '张三' },
    decisionNumber: '郏税黑〔2026〕19号',
    decisionDate: today,
    authority: { name: '郏县税务局', uscc: organ + usccCheckCharacter(organ) },
    sourceDepartment: '郏县税务局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件',
    listedUntil: addDays(today, 700),
  });
  expect(listed.status, JSON.stringify(listed.body)).toBe(201);
  // Across the month end, to 09:00 on the county's draft day of the next month.
  const next = shiftMonth(month, 1);
  draftDay = `${next}-${String(county.bulletins.draftDay.day).padStart(2, '0')}`;
  await platform.clock.set(`${draftDay}T09:00:00+08:00`);
}, 120_000);
afterAll(() => platform?.stop());

describe('across the month end', () => {
  it('the day before the draft day drafts nothing; on it, the month before is drafted once and the office told', async () => {
    const early = (await platform.invoke('prepare-bulletin', { date: addDays(draftDay, -1) })) as { drafted: boolean; month?: string };
    // The day before the draft day is the 9th of the month: still before it.
    expect(early.drafted).toBe(false);
    const first = (await platform.invoke('prepare-bulletin', { date: draftDay })) as { drafted: boolean; month: string; departments: number };
    expect(first).toMatchObject({ drafted: true, month });
    expect(first.departments).toBeGreaterThan(1);
    const again = (await platform.invoke('prepare-bulletin', { date: draftDay })) as { drafted: boolean };
    expect(again.drafted).toBe(false);
    const notices = (await office('GET', `/notices?from=${draftDay}&to=${draftDay}`)).body.notices;
    expect(notices.filter((n: { kind: string }) => n.kind === 'bulletin-drafted')).toHaveLength(1);
  });

  it('a draft is the office’s: departments and the public do not see it', async () => {
    expect((await office('GET', '/bulletins')).body.bulletins).toEqual([expect.objectContaining({ month, state: 'draft', version: 1 })]);
    expect((await dept('GET', '/bulletins')).body.bulletins).toEqual([]);
    expect((await dept('GET', `/bulletins/${month}`)).status).toBe(404);
    expect((await download(`/bulletins/${month}/file?format=pdf`, 'department', 'dept-finance')).status).toBe(404);
    expect((await callApi(platform, 'GET', '/public/bulletins')).body.bulletins).toEqual([]);
    expect((await download(`/public/bulletins/${month}/file`)).status).toBe(404);
    expect((await callApi(platform, 'GET', `/bulletins/${month}`, 'subject', good.uscc!)).status).toBe(403);
  });

  it('scores each department with its breakdown; the office annotates; a department reads its own only', async () => {
    const answer = await office('GET', `/assessments?month=${month}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ month, complete: true, final: false });
    expect(answer.body.clause).toContain('郏信用办〔2021〕2号 六、(十三)');
    const finance = answer.body.departments.find((d: { orgId: string }) => d.orgId === 'dept-finance');
    expect(finance.breakdown.map((l: { rule: string }) => l.rule)).toEqual(county.assessment.rules.map((r) => r.id));
    expect(finance.checks).toBeGreaterThanOrEqual(1);
    // Its score is the points over the weights that applied, out of 100.
    const applied = finance.breakdown.filter((l: { points: number | null }) => l.points !== null);
    const expected = (100 * applied.reduce((n: number, l: { points: number }) => n + l.points, 0)) / applied.reduce((n: number, l: { weight: number }) => n + l.weight, 0);
    expect(finance.score).toBeCloseTo(expected, 0);
    expect(answer.body.departments.map((d: { rank: number }) => d.rank)).toEqual([...answer.body.departments.map((d: { rank: number }) => d.rank)].sort((a, b) => a - b));
    // Demo matters were decided in the month: coverage per department, and the accountability candidates listed.
    expect(answer.body.departments.some((d: { mattersHandled: number }) => d.mattersHandled > 0)).toBe(true);
    expect(answer.body.accountability.length).toBeGreaterThan(0);

    const note = await office('POST', `/assessments/${month}/annotations`, { orgId: 'dept-finance', text: '核查结果登记不全，已提醒。' });
    expect(note.status).toBe(201);
    expect((await office('POST', `/assessments/${month}/annotations`, { orgId: 'dept-nobody', text: 'x' })).status).toBe(404);
    expect((await office('POST', `/assessments/${shiftMonth(month, 3)}/annotations`, { orgId: 'dept-finance', text: 'x' })).body.error.field).toBe('path.month');
    const own = await dept('GET', `/assessments?month=${month}`);
    expect(own.body.departments.map((d: { orgId: string }) => d.orgId)).toEqual(['dept-finance']);
    expect(own.body.departments[0].annotations).toEqual([expect.objectContaining({ text: '核查结果登记不全，已提醒。' })]);
    expect(own.body.accountability.every((a: { orgId: string }) => a.orgId === 'dept-finance')).toBe(true);
    expect((await dept('GET', `/assessments?month=${month}&department=dept-tax`)).status).toBe(403);
    expect((await dept('POST', `/assessments/${month}/annotations`, 'dept-finance', { orgId: 'dept-finance', text: 'x' })).status).toBe(403);
    const bad = await office('GET', '/assessments?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.month');
    const year = await office('GET', `/assessments?year=${month.slice(0, 4)}`);
    expect(year.status).toBe(200);
    const financeYear = year.body.departments.find((d: { orgId: string }) => d.orgId === 'dept-finance');
    expect(financeYear.months.find((m: { month: string }) => m.month === month).score).toBe(finance.score);
    expect(financeYear.yearScore).toBeCloseTo(financeYear.months.reduce((n: number, m: { score: number }) => n + m.score, 0) / financeYear.months.length, 1);
  }, 60_000);

  it('the draft’s content: departments best first, the trend of the months before, the accountability list with persons masked', async () => {
    const { body } = await office('GET', `/bulletins/${month}`);
    expect(body.content.title).toContain(`${Number(month.slice(5))}月`);
    expect(body.content.trend.map((p: { month: string }) => p.month)).toEqual(Array.from({ length: county.bulletins.trendMonths }, (_, i) => shiftMonth(month, i - county.bulletins.trendMonths + 1)));
    const scores = body.content.departments.map((d: { score: number }) => d.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(body.content.accountability.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.content)).not.toMatch(/\d{17}[\dX]/);
  });

  it('the office writes its text (a stale version is refused), publishes; the PDF and workbook carry the figures, charts and list', async () => {
    const edited = await office('PUT', `/bulletins/${month}/text`, { version: 1, paragraphs: ['本月各部门核查总体平稳。', '请财政局补登核查结果。'] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await office('PUT', `/bulletins/${month}/text`, { version: 1, paragraphs: ['旧版本'] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.field).toBe('body.version');
    expect((await office('PUT', `/bulletins/${month}/text`, { version: 2, paragraphs: [''] })).body.error.field).toBe('body.paragraphs.0');
    const refreshed = await office('POST', `/bulletins/${month}/refresh`, { version: 2 });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.content.officeText).toEqual(['本月各部门核查总体平稳。', '请财政局补登核查结果。']);
    const draftPdf = await download(`/bulletins/${month}/file?format=pdf`, 'creditOffice', 'credit-office');
    expect(draftPdf.type).toBe('application/pdf');
    expect(await pdfText(draftPdf.bytes)).toContain('草稿');

    expect((await office('POST', `/bulletins/${month}/publish`, { version: 2 })).status).toBe(409);
    const published = await office('POST', `/bulletins/${month}/publish`, { version: 3 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ state: 'published', public: true });
    expect((await office('PUT', `/bulletins/${month}/text`, { version: 4, paragraphs: ['晚了'] })).status).toBe(409);
    expect((await office('POST', `/bulletins/${month}/refresh`, { version: 4 })).status).toBe(409);

    const pdf = await download(`/bulletins/${month}/file?format=pdf`, 'department', 'dept-market');
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes);
    expect(text).not.toContain('草稿');
    expect(text).toContain('本月各部门核查总体平稳。');
    for (const d of published.body.content.departments) expect(text).toContain(d.name.replace(/\s+/g, ''));
    for (const title of ['各部门信用核查次数', '各部门考核得分', '全县逢办必查覆盖率趋势', '逾期公示与逾期答复趋势']) expect(text).toContain(title);
    expect(text).toContain(published.body.content.accountability[0].reference);
    expect(text).toContain('郏信用办〔2021〕2号');

    const xlsx = await download(`/bulletins/${month}/file?format=xlsx`, 'creditOffice', 'credit-office');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['部门情况', '趋势', '责任追究', '评分规则']);
    const names: string[] = [];
    book.getWorksheet('部门情况')!.eachRow((row) => names.push(String(row.getCell(2).value ?? '')));
    for (const d of published.body.content.departments) expect(names.join('|')).toContain(d.name);
  }, 60_000);

  it('published: the departments are told with their score, read it and download it; the public reads it; the scores are final', async () => {
    const told = (await dept('GET', `/notices?from=${draftDay}&to=${draftDay}`, 'dept-finance')).body.notices.filter((n: { kind: string }) => n.kind === 'bulletin-published');
    expect(told).toHaveLength(1);
    expect(told[0].text).toMatch(/得分 [\d.]+，排名第 \d+/);
    expect((await dept('GET', '/bulletins', 'dept-tax')).body.bulletins).toEqual([expect.objectContaining({ month, state: 'published', publishedOn: draftDay })]);
    expect((await callApi(platform, 'GET', '/public/bulletins')).body.bulletins).toEqual([expect.objectContaining({ month, state: 'published' })]);
    const publicPdf = await download(`/public/bulletins/${month}/file`);
    expect(publicPdf.status).toBe(200);
    expect(publicPdf.type).toBe('application/pdf');
    const publicNotices = (await callApi(platform, 'GET', `/public/notices?date=${draftDay}`)).body.notices;
    expect(publicNotices.filter((n: { kind: string }) => n.kind === 'bulletin-published')).toHaveLength(1);

    const before = (await office('GET', `/bulletins/${month}`)).body.content.departments;
    const after = await office('GET', `/assessments?month=${month}`);
    expect(after.body.final).toBe(true);
    for (const d of before) expect(after.body.departments.find((x: { orgId: string }) => x.orgId === d.orgId).score).toBe(d.score);
  });

  it('a report the month’s crisis met is flagged in a check, and its agency was told by the scan', async () => {
    const check = await dept('POST', '/checks', 'dept-market', { subjectId: good.uscc, matter: { type: 'procurement', reference: `BL-after-${draftDay}`, name: '采购' } });
    const flagged = check.body.reports.filter((r: { reEvaluation?: unknown }) => r.reEvaluation);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged[0].reEvaluation.since.decisionNumber).toBe('郏税黑〔2026〕19号');
    // The scan of the morning after the listing (schedules do not run in this suite) tells the agency.
    await platform.invoke('overdue-scan', { date: addDays(listedOn, 1) });
    const agencyNotices = (await callApi(platform, 'GET', `/notices?from=${addDays(listedOn, 1)}&to=${addDays(listedOn, 1)}`, 'agency', flagged[0].agencyId)).body.notices;
    expect(agencyNotices.some((n: { kind: string; title: string }) => n.kind === 'report-crisis' && n.title.includes(flagged[0].reportNumber))).toBe(true);
  });
});
