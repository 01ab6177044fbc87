/**
 * Narrative filings (issue 17 §5), end to end on the local platform of Lianjiang (work summaries by 07-15 and
 * 12-15, 六、(四)): a department announces a document, posts it to S3 with the presigned POST and confirms it with
 * its metadata; a later filing of the same period is a new revision, kept; on time or late by the county-local
 * due day on the platform clock; refusals name their field; the overdue scan reminds before the due day and
 * reports after it (通报 to the department, public, and to the credit office), once; each department sees only
 * its own filings, the credit office all of them, and downloads them with a short-lived link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { filingsDueInMonth } from '../../shared/filings/port.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('lianjiang');
let platform: LocalPlatform;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0\0\0\0[Content_Types].xml\0\0word/document.xml\0\0')]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const pdfType = 'application/pdf';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const as = (role: 'department' | 'creditOffice', orgId: string) => ({
  get: (path: string) => callApi(platform, 'GET', path, role, orgId),
  post: (path: string, body: unknown) => callApi(platform, 'POST', path, role, orgId, body),
});
const dept = (orgId: string) => as('department', orgId);
const office = as('creditOffice', 'credit-office');

async function postFile(post: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), 'document');
  return (await fetch(post.url, { method: 'POST', body: form })).status;
}

const metadata = (overrides: Record<string, unknown> = {}) => ({
  kind: 'work-summary',
  period: '2026-H1',
  title: '2026年上半年信用记录和信用报告应用工作总结',
  summary: '上半年在政府采购、行政审批中核查信用记录，依法对失信主体实施限制。',
  documentDate: '2026-07-06',
  ...overrides,
});

/** Announce, post and confirm a document: the confirmation's answer. */
async function file(orgId: string, bytes: Buffer, overrides: Record<string, unknown> = {}, type = pdfType, fileName = '工作总结.pdf') {
  const announced = await dept(orgId).post('/filings/uploads', { fileName, contentType: type, bytes: bytes.length });
  expect(announced.status).toBe(201);
  expect(await postFile(announced.body.upload, bytes, type)).toBe(204);
  return dept(orgId).post('/filings', { uploadId: announced.body.uploadId, ...metadata(overrides) });
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'filings-it', { clock: '2026-07-06T10:00:00+08:00' });
  for (const [orgId, name] of [['dept-finance', '连江县财政局'], ['dept-market', '连江县市场监督管理局'], ['dept-tax', '连江县税务局']])
    expect((await office.post('/departments', { orgId, name })).status).toBe(201);
});
afterAll(() => platform?.stop());

describe('filing a document', () => {
  it('refuses what it cannot take, naming the field', async () => {
    const png1 = await dept('dept-finance').post('/filings/uploads', { fileName: '总结.png', contentType: 'image/png', bytes: 100 });
    expect([png1.status, png1.body.error.field]).toEqual([400, 'body.contentType']);
    const big = await dept('dept-finance').post('/filings/uploads', { fileName: '总结.pdf', contentType: pdfType, bytes: county.filings.maxDocumentBytes + 1 });
    expect([big.status, big.body.error.field]).toEqual([400, 'body.bytes']);
    const ext = await dept('dept-finance').post('/filings/uploads', { fileName: '总结.pdf', contentType: docxType, bytes: 100 });
    expect([ext.status, ext.body.error.field]).toEqual([400, 'body.fileName']);

    const kind = await file('dept-finance', pdf('a'), { kind: 'usage-list' });
    expect([kind.status, kind.body.error.field]).toEqual([400, 'body.kind']);
    expect(kind.body.error.message).toContain('work-summary (工作总结)');
    const period = await file('dept-finance', pdf('a'), { period: '2026-Q3' });
    expect([period.status, period.body.error.field]).toEqual([400, 'body.period']);
    expect(period.body.error.message).toContain('H1 (上半年工作总结, due 07-15)');
    const future = await file('dept-finance', pdf('a'), { documentDate: '2026-07-07' });
    expect([future.status, future.body.error.field]).toEqual([400, 'body.documentDate']);

    // The bytes are not what the type says: a PNG posted as a PDF.
    const disguised = await file('dept-finance', png, {}, pdfType);
    expect([disguised.status, disguised.body.error.field]).toEqual([400, 'file']);
    expect(disguised.body.error.message).toContain('not a PDF');

    // Confirmed before the file was posted; another department's upload.
    const announced = await dept('dept-finance').post('/filings/uploads', { fileName: '总结.pdf', contentType: pdfType, bytes: 500 });
    const early = await dept('dept-finance').post('/filings', { uploadId: announced.body.uploadId, ...metadata() });
    expect([early.status, early.body.error.field]).toEqual([400, 'body.uploadId']);
    expect((await dept('dept-market').post('/filings', { uploadId: announced.body.uploadId, ...metadata() })).status).toBe(404);
    // Nothing was filed by any of these.
    expect((await dept('dept-finance').get('/filings?year=2026')).body.filings).toEqual([]);
  });

  it('files on time, then a revision: both kept, the period on time by the first', async () => {
    const first = await file('dept-finance', pdf('first'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orgId: 'dept-finance', kind: 'work-summary', period: '2026-H1', periodName: '2026年上半年工作总结', revision: 1, filedOn: '2026-07-06', dueDay: '2026-07-15', late: false });
    const again = await dept('dept-finance').post('/filings/uploads', { fileName: '工作总结（修订）.docx', contentType: docxType, bytes: docx.length });
    expect(await postFile(again.body.upload, docx, docxType)).toBe(204);
    const second = await dept('dept-finance').post('/filings', { uploadId: again.body.uploadId, ...metadata({ title: '2026年上半年工作总结（修订）' }) });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ revision: 2, fileName: '工作总结（修订）.docx', late: false, firstFiledOn: '2026-07-06' });
    // The same upload twice is one filing.
    const twice = await dept('dept-finance').post('/filings', { uploadId: again.body.uploadId, ...metadata() });
    expect([twice.status, twice.body.error.field]).toEqual([409, 'body.uploadId']);

    const mine = (await dept('dept-finance').get('/filings?year=2026')).body;
    expect(mine.kinds).toEqual([expect.objectContaining({ id: 'work-summary', name: '工作总结', source: '连发改信用[2017]1号 六、(四)' })]);
    expect(mine.due).toEqual([
      expect.objectContaining({ period: '2026-H1', dueDay: '2026-07-15', state: 'onTime', revisions: 2, filedOn: '2026-07-06' }),
      expect.objectContaining({ period: '2026-H2', dueDay: '2026-12-15', state: 'notYetDue', revisions: 0 }),
    ]);
    expect(mine.filings.map((f: any) => f.revision)).toEqual([2, 1]);
    expect(mine.filings[0]).not.toHaveProperty('objectKey');
  });

  it('downloads with a short-lived link: a department its own, the credit office any; another department gets 404', async () => {
    const latest = await dept('dept-finance').get('/filings/work-summary/2026-H1/document');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ revision: 2, fileName: '工作总结（修订）.docx', expiresInSeconds: 300 });
    expect(Buffer.from(await (await fetch(latest.body.url)).arrayBuffer()).equals(docx)).toBe(true);
    const first = await office.get('/filings/work-summary/2026-H1/document?department=dept-finance&revision=1');
    expect(first.status).toBe(200);
    expect(Buffer.from(await (await fetch(first.body.url)).arrayBuffer()).equals(pdf('first'))).toBe(true);
    expect((await dept('dept-market').get('/filings/work-summary/2026-H1/document?department=dept-finance')).status).toBe(404);
    expect((await dept('dept-market').get('/filings/work-summary/2026-H1/document')).status).toBe(404);
    const noDepartment = await office.get('/filings/work-summary/2026-H1/document');
    expect([noDepartment.status, noDepartment.body.error.field]).toEqual([400, 'query.department']);
  });

  it('isolation: a department reads only its own filings; the status is the credit office’s', async () => {
    const market = await dept('dept-market').get('/filings?year=2026');
    expect(market.body).toMatchObject({ orgId: 'dept-market', filings: [] });
    expect((await dept('dept-market').get('/filings?department=dept-finance')).status).toBe(404);
    expect((await dept('dept-market').get('/filings/status')).status).toBe(403);
    const finance = (await office.get('/filings?department=dept-finance&year=2026')).body;
    expect(finance.filings).toHaveLength(2);
  });
});

describe('reminded before the due day, reported after it, by the overdue scan', () => {
  const filingNotices = () => sentNotices(platform).filter((n) => String(n.kind).startsWith('filing-'));

  it('nothing a week before; within 3 working days, a reminder to each department that has not filed, once', async () => {
    await platform.invoke('overdue-scan', { date: '2026-07-08' });
    expect(filingNotices()).toEqual([]);
    await platform.invoke('overdue-scan', { date: '2026-07-10' });
    await platform.invoke('overdue-scan', { date: '2026-07-13' });
    const reminders = filingNotices();
    expect(reminders.map((n) => [n.kind, n.addressee]).sort()).toEqual([
      ['filing-reminder', 'dept-market'],
      ['filing-reminder', 'dept-tax'],
    ]);
    expect(reminders[0].text).toContain('2026-07-15');
    expect(reminders[0].text).toContain('连发改信用[2017]1号 六、(四)');
  });

  it('past the due day on the local clock: a late filing is late; the missing one is reported to it (public) and the office, once', async () => {
    await platform.clock.set('2026-07-16T10:00:00+08:00');
    const late = await file('dept-tax', pdf('tax'), { documentDate: '2026-07-16' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ revision: 1, filedOn: '2026-07-16', late: true });

    await platform.invoke('overdue-scan', { date: '2026-07-16' });
    await platform.invoke('overdue-scan', { date: '2026-07-17' });
    const missing = filingNotices().filter((n) => n.kind !== 'filing-reminder');
    expect(missing.map((n) => [n.kind, n.addressee, n.about]).sort()).toEqual([
      ['filing-missing', 'dept-market', 'dept-market#work-summary#2026-H1'],
      ['filing-missing-office', 'creditOffice', 'creditOffice#dept-market#work-summary#2026-H1'],
    ]);
    expect(missing.find((n) => n.kind === 'filing-missing').title).toBe('通报：连江县市场监督管理局未按期报送2026年上半年工作总结');
    const published = (await callApi(platform, 'GET', '/public/notices?date=2026-07-16')).body.notices;
    expect(published.some((n: any) => n.title.includes('未按期报送2026年上半年工作总结'))).toBe(true);
  });

  it('the credit office sees each department’s state per period; the port answers the bulletin the same', async () => {
    const status = await office.get('/filings/status?year=2026');
    expect(status.status).toBe(200);
    const h1 = status.body.periods.find((p: any) => p.period === '2026-H1');
    expect(h1.counts).toEqual({ onTime: 1, late: 1, missing: 1, notYetDue: 0 });
    expect(h1.departments.map((d: any) => [d.orgId, d.state])).toEqual([
      ['dept-market', 'missing'],
      ['dept-tax', 'late'],
      ['dept-finance', 'onTime'],
    ]);
    expect(h1.departments[2]).toMatchObject({ revision: 2, filedOn: '2026-07-06' });
    const one = await office.get('/filings/status?kind=work-summary&period=2026-H2');
    expect(one.body.periods.map((p: any) => [p.period, p.counts.notYetDue])).toEqual([['2026-H2', 3]]);
    const bad = await office.get('/filings/status?kind=work-summary&period=2026-Q1');
    expect([bad.status, bad.body.error.field]).toEqual([400, 'query.period']);

    const due = await filingsDueInMonth({ month: '2026-07', county, now: platform.clock.now() });
    expect(due.map((d) => [d.orgId, d.period, d.dueDay, d.state, d.filedOn]).sort()).toEqual([
      ['dept-finance', '2026-H1', '2026-07-15', 'onTime', '2026-07-06'],
      ['dept-market', '2026-H1', '2026-07-15', 'missing', undefined],
      ['dept-tax', '2026-H1', '2026-07-15', 'late', '2026-07-16'],
    ]);
    expect(await filingsDueInMonth({ month: '2026-08', county, now: platform.clock.now() })).toEqual([]);
  });
});

describe('two filings of one period at once', () => {
  it('are both kept, as consecutive revisions', async () => {
    const [a, b] = await Promise.all([file('dept-finance', pdf('h2-a'), { period: '2026-H2' }), file('dept-finance', pdf('h2-b'), { period: '2026-H2' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.revision, b.body.revision].sort()).toEqual([1, 2]);
    expect([a.body.firstFiledOn, b.body.firstFiledOn]).toEqual(['2026-07-16', '2026-07-16']);
  });
});
