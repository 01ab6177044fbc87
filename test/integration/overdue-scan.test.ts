/**
 * The daily overdue scan end to end on the local platform: records pushed late and records whose publicity
 * ends, reports about to expire and expired, an objection left unanswered. The scan runs as on consecutive
 * days (`invoke('overdue-scan', { date })`, as `npm run invoke -- overdue-scan --date` does) and again on
 * the same days: every notice appears once, to the right addressee, public ones in the public list (moving
 * the platform clock to the day listed: a public notice is listed from its day, for the county's listing period).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import type { OverdueScanResult } from '../../shared/compliance/overdue/overdue-scan.ts';
import { reportItems } from '../../shared/reports/report-store.ts';
import type { StoredReport } from '../../shared/reports/report-rules.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, sentNotices, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

const county = loadCounty('jiaxian');
const company = (n: number) => {
  const first17 = `91${county.divisionCode}MK${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const person = `${county.divisionCode}19880716231` + residentIdCheckDigit(`${county.divisionCode}19880716231`);
const authority = { name: '郏县人民政府', uscc: company(99) };

let platform: LocalPlatform;
let today: string;

const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const push = async (orgId: string, record: unknown) => {
  const answer = await call('POST', '/records', 'department', orgId, record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const base = (subject: object, decisionNumber: string, decisionDate: string, sourceDepartment: string) => ({ subject, decisionNumber, decisionDate, authority, sourceDepartment });
const penalty = (subject: object, number: string, decisionDate: string, department: string, extra: object = {}) => ({
  kind: 'penalty',
  ...base(subject, number, decisionDate, department),
  violationType: '未按规定公示年度报告',
  facts: '未按规定公示年度报告',
  legalBasis: '《企业信息公示暂行条例》第十八条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币五千元',
  fineAmountYuan: 5000,
  ...extra,
});
const licence = (subject: object, number: string, decisionDate: string, department: string, validTo?: string) => ({
  kind: 'licence',
  ...base(subject, number, decisionDate, department),
  licenceDocumentName: '准予行政许可决定书',
  licenceCategory: '普通',
  licenceContent: '食品经营',
  validFrom: decisionDate,
  ...(validTo ? { validTo } : {}),
});
const personSubject = { name: '王测试', category: 'naturalPerson', residentId: person };
const companySubject = (n: number, name: string) => ({ name, category: 'legalPerson', uscc: company(n) });

const outbox = () => sentNotices(platform);
const sent = (kind: string, about: string) => outbox().filter((n) => n.kind === kind && n.about === about);
const scan = async (date: string) => (await platform.invoke('overdue-scan', { date })) as OverdueScanResult;
const published = (result: OverdueScanResult) => result.sources.reduce((n, s) => n + s.noticesPublished, 0);

const report = (n: number, agencyId: string, validUntil: string, status: 'valid' | 'voided' = 'valid'): StoredReport => ({
  reportId: `rpt_OVERDUESCANTEST${String(n).padStart(6, '0')}`,
  subjectId: n === 1 ? person : company(n),
  subjectType: n === 1 ? 'residentId' : 'uscc',
  agencyId,
  agencyName: '信源信用评估有限公司',
  reportNumber: `XY-OS-${n}`,
  reportType: 'comprehensive',
  issueDate: addDays(validUntil, -365),
  validUntil,
  rating: 'A',
  sha256: '0'.repeat(64),
  sizeBytes: 10,
  objectKey: `reports/incoming/${agencyId}/upl_${n}.pdf`,
  status,
  acceptedAt: `${addDays(validUntil, -360)}T09:00:00+08:00`,
  ...(status === 'voided' ? { voided: { reason: '重大信用风险', at: `${addDays(validUntil, -30)}T09:00:00+08:00`, by: 'credit-office' } } : {}),
});

beforeAll(async () => {
  platform = await startTestPlatform(county, 'overdue-scan-it');
  today = localDate(platform.clock.now(), county.timeZone);
});
afterAll(() => platform?.stop());

describe('the overdue scan, day after day', () => {
  let caseId: string;
  let answerBy: string;

  it('finds late publications, ended publicity and reports through the due-date indexes, once each', async () => {
    const D = today;
    // Late: decided a month ago, pushed today (the API accepts them and marks them late).
    const late1 = await push('dept-market', penalty(personSubject, '郏市监罚〔2026〕901号', addDays(D, -30), '郏县市场监督管理局'));
    expect(late1.publication).toMatchObject({ late: true });
    await push('dept-market', penalty(companySubject(1, '郏县迟报商贸有限公司'), '郏市监罚〔2026〕902号', addDays(D, -25), '郏县市场监督管理局'));
    await push('dept-tax', licence(companySubject(2, '郏县迟报餐饮有限公司'), '郏税许〔2026〕903号', addDays(D, -20), '郏县税务局'));
    // On time: no notice.
    await push('dept-tax', penalty(companySubject(3, '郏县按时有限公司'), '郏税罚〔2026〕904号', addDays(D, -1), '郏县税务局'));
    // Publicity ends: the last public day is D+1, so they leave public view on D+2.
    await push('dept-housing', penalty(personSubject, '郏住建罚〔2026〕905号', addDays(D, -1), '郏县住房和城乡建设局', { publicityPeriodEnd: addDays(D, 1) }));
    await push('dept-housing', licence(companySubject(4, '郏县期满建筑有限公司'), '郏住建许〔2026〕906号', addDays(D, -1), '郏县住房和城乡建设局', addDays(D, 1)));

    // Reports: one expiring in 10 days, one whose last valid day is today, one voided; written as ingest stores them.
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
    const reports = [report(1, 'agency-xinyuan', addDays(D, 10)), report(5, 'agency-xinyuan', D), report(6, 'agency-xinyuan', addDays(D, 5), 'voided')];
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [platform.names.creditTable]: reports.flatMap(reportItems).map((Item) => ({ PutRequest: { Item } })) } }));
    dynamo.destroy();

    const first = await scan(addDays(D, 1));
    const bySource = Object.fromEntries(first.sources.map((s) => [s.source, s]));
    expect(bySource['late-publication']).toMatchObject({ itemsDue: 3, noticesFound: 2, noticesPublished: 2 });
    // The expiring one to its agency; the expired one in public, and which report it was to its agency and its subject.
    expect(bySource['report-expiry']).toMatchObject({ itemsDue: 2, noticesPublished: 4 });
    expect(bySource['publicity-ended']).toMatchObject({ itemsDue: 0, noticesPublished: 0 });
    // Items read stay near the items due: indexes, not the table.
    for (const s of first.sources) expect(s.itemsRead, s.source).toBeLessThanOrEqual(s.itemsDue + 1);
    expect(published(await scan(addDays(D, 1)))).toBe(0);

    const second = await scan(addDays(D, 2));
    // One group (department and day), told to the department and to the credit office.
    expect(second.sources.find((s) => s.source === 'publicity-ended')).toMatchObject({ itemsDue: 2, noticesFound: 2, noticesPublished: 2 });
    expect(published(second)).toBe(2);
    expect(published(await scan(addDays(D, 2)))).toBe(0);
    expect(published(await scan(addDays(D, 3)))).toBe(0);
    // The report that ended today is reported expired on the next scan; the expiring one when its day has passed
    // (in public and to its agency: its subject, a person stored before sealing, has no key to be told under).
    expect(published(await scan(addDays(D, 11)))).toBe(2);

    const late = sent('late-publication', `dept-market#${D}`);
    expect(late).toEqual([expect.objectContaining({ addressee: 'dept-market', public: true, date: addDays(D, 1) })]);
    for (const fact of ['郏县市场监督管理局', '郏市监罚〔2026〕901号', '郏市监罚〔2026〕902号', `决定日期 ${addDays(D, -30)}`, `${D} 报送`, '7个工作日'])
      expect(late[0].text).toContain(fact);
    expect(sent('late-publication', `dept-tax#${D}`)).toEqual([expect.objectContaining({ addressee: 'dept-tax', text: expect.stringContaining('郏税许〔2026〕903号') })]);
    expect(sent('late-publication', `dept-tax#${D}`)[0].text).not.toContain('904号');
    const ended = sent('publicity-ended', `dept-housing#${addDays(D, 2)}`);
    expect(ended).toEqual([expect.objectContaining({ addressee: 'dept-housing', public: false, text: expect.stringContaining('王**（自然人）') })]);
    expect(sent('publicity-ended', `creditOffice#dept-housing#${addDays(D, 2)}`)).toEqual([expect.objectContaining({ addressee: 'creditOffice', public: false })]);
    expect(ended[0].text).toContain('郏住建许〔2026〕906号');
    expect(sent('report-expiring', 'agency-xinyuan#rpt_OVERDUESCANTEST000001')).toEqual([expect.objectContaining({ addressee: 'agency-xinyuan', public: false })]);
    expect(sent('report-expired', 'agency-xinyuan#rpt_OVERDUESCANTEST000005')).toEqual([expect.objectContaining({ addressee: 'agency-xinyuan', public: true })]);
    expect(sent('report-expired', 'agency-xinyuan#rpt_OVERDUESCANTEST000005')[0].text).not.toContain('XY-OS-5');
    expect(sent('report-expired', 'agency-xinyuan#rpt_OVERDUESCANTEST000005#agency')).toEqual([expect.objectContaining({ public: false, text: expect.stringContaining('XY-OS-5') })]);
    expect(sent('report-expired', 'rpt_OVERDUESCANTEST000005#subject')).toEqual([expect.objectContaining({ addressee: company(5), public: false })]);
    expect(sent('report-expired', 'agency-xinyuan#rpt_OVERDUESCANTEST000001')).toHaveLength(1);
    expect(outbox().filter((n) => n.about.includes('rpt_OVERDUESCANTEST000006'))).toEqual([]);
  });

  it('lists public notices by date for anyone, and each department its own', async () => {
    const D = today;
    // The last scan ran as of D+11: the public list shows its notices from that day on.
    await platform.clock.set(`${addDays(D, 11)}T09:00:00+08:00`);
    const publicDay = await call('GET', `/public/notices?date=${addDays(D, 1)}`);
    expect(publicDay.status).toBe(200);
    expect(publicDay.body.notices.map((n: any) => `${n.kind} ${n.addressee}`).sort()).toEqual(
      ['late-publication dept-market', 'late-publication dept-tax', 'report-expired agency-xinyuan'].sort(),
    );
    const period = await call('GET', `/public/notices?from=${D}&to=${addDays(D, 11)}&limit=2`);
    expect(period.body.notices.map((n: any) => n.date)).toEqual([addDays(D, 11), addDays(D, 1)]);
    const rest = await call('GET', `/public/notices?from=${D}&to=${addDays(D, 11)}&limit=10&nextToken=${period.body.nextToken}`);
    expect(rest.body.notices.map((n: any) => n.date)).toEqual([addDays(D, 1), addDays(D, 1)]);
    expect((await call('GET', '/public/notices?date=2026-02-30')).status).toBe(400);

    const market = await call('GET', `/notices?from=${D}&to=${addDays(D, 11)}`, 'department', 'dept-market');
    expect(market.body.notices.map((n: any) => n.about)).toEqual([`dept-market#${D}`]);
    expect((await call('GET', `/notices?addressee=dept-tax&from=${D}&to=${addDays(D, 11)}`, 'department', 'dept-market')).status).toBe(400);
    const agency = await call('GET', `/notices?from=${D}&to=${addDays(D, 11)}&kind=report-expiring`, 'agency', 'agency-xinyuan');
    expect(agency.body.notices.map((n: any) => n.kind)).toEqual(['report-expiring']);
    const office = await call('GET', `/notices?from=${D}&to=${addDays(D, 11)}&kind=late-publication`, 'creditOffice', 'credit-office');
    expect(office.body.notices).toHaveLength(2);
    const officeFor = await call('GET', `/notices?from=${D}&to=${addDays(D, 11)}&addressee=dept-housing`, 'creditOffice', 'credit-office');
    expect(officeFor.body.notices.map((n: any) => n.kind)).toEqual(['publicity-ended']);
    expect((await call('GET', '/notices')).status).toBe(401);
  });

  it('reports an unanswered objection past its answer day once: the scan first, then the workflow publishes nothing twice', async () => {
    const code = company(7);
    const pushed = await push('dept-tax', penalty(companySubject(7, '郏县异议测试有限公司'), '郏税罚〔2026〕907号', addDays(today, -1), '郏县税务局'));
    const raised = await call('POST', '/objections', 'subject', code, { recordId: pushed.recordId, reason: '罚款已撤销' });
    expect(raised.status).toBe(201);
    caseId = raised.body.case.caseId;
    answerBy = await until('the answer day', async () => (await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.answerBy as string | undefined);

    expect(published(await scan(answerBy))).toBe(0);
    // The scan first (the workflow has not woken yet: the platform clock is still before the answer day).
    const after = await scan(addDays(answerBy, 1));
    expect(after.sources.find((s) => s.source === 'case-overdue')).toMatchObject({ itemsDue: 1, noticesPublished: 2 });
    expect(sent('verification-overdue', caseId)).toEqual([expect.objectContaining({ addressee: 'creditOffice', public: false, text: expect.stringContaining(answerBy) })]);
    expect(sent('verification-overdue', `dept-tax#${caseId}`)).toEqual([expect.objectContaining({ addressee: 'dept-tax', public: false })]);
    // Then the workflow reaches the deadline: the case is overdue, and no second notice.
    await platform.clock.set(`${addDays(answerBy, 1)}T08:00:00+08:00`);
    await until('the case to be overdue', async () => ((await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.state === 'overdue' ? true : undefined), 20_000);
    expect(published(await scan(addDays(answerBy, 2)))).toBe(0);
    expect(sent('verification-overdue', caseId)).toHaveLength(1);
    // Not in public: the objection is the subject's matter.
    const listed = await call('GET', `/public/notices?date=${addDays(answerBy, 1)}`);
    expect(listed.body.notices.map((n: any) => n.kind)).not.toContain('verification-overdue');
  });

  it('never shows a full resident ID number, in the outbox or the lists', async () => {
    const everything = [
      JSON.stringify(outbox()),
      JSON.stringify((await call('GET', `/public/notices?from=${today}&to=${addDays(today, 60)}`)).body),
      JSON.stringify((await call('GET', `/notices?from=${today}&to=${addDays(today, 60)}`, 'creditOffice', 'credit-office')).body),
    ].join('\n');
    expect(everything).toContain('王**');
    expect(everything).not.toContain(person);
  });
});
