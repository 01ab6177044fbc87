/**
 * Public notices (通报) carry nothing that is not public, and have an end. On a test platform: records
 * pushed late, records whose publicity ends, a report whose validity ends, an objection left unanswered;
 * the platform clock is moved to the days that make them due and the overdue scan runs as of those days
 * (`invoke('overdue-scan', { date })`). Then: `GET /public/notices` shows no credit code, no ID number,
 * no report number, no subject or decision of a record out of publicity, and no overdue objection; the
 * providing department, the agency, the subject and the credit office get theirs by `GET /notices`; a
 * public notice drops off the public list after the county's listing period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { reportItems } from '../../shared/reports/report-store.ts';
import type { StoredReport } from '../../shared/reports/report-rules.ts';
import { keys } from '../../shared/storage/keys.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';

const county = loadCounty('zanhuang');
const company = (n: number) => {
  const first17 = `91${county.divisionCode}MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const person = `${county.divisionCode}19790305452` + residentIdCheckDigit(`${county.divisionCode}19790305452`);
const maskedPerson = `${person.slice(0, 6)}********${person.slice(-4)}`;
const authority = { name: '赞皇县人民政府', uscc: company(99) };

let platform: LocalPlatform;
let D: string;
const call = (method: string, path: string, role?: Role, orgId?: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const push = async (orgId: string, record: unknown) => {
  const answer = await call('POST', '/records', 'department', orgId, record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const penalty = (subject: object, decisionNumber: string, decisionDate: string, sourceDepartment: string, extra: object = {}) => ({
  kind: 'penalty',
  subject,
  decisionNumber,
  decisionDate,
  authority,
  sourceDepartment,
  violationType: '未按规定公示年度报告',
  facts: '未按规定公示年度报告',
  legalBasis: '《企业信息公示暂行条例》第十八条',
  penaltyCategories: ['warning'],
  penaltyContent: '警告',
  ...extra,
});

/** The platform's day, and moving it forward to a day (09:00 local), as the scheduled scan would find it. */
const today = () => localDate(platform.clock.now(), county.timeZone);
const moveTo = async (day: string) => {
  if (day > today()) await platform.clock.set(`${day}T09:00:00+08:00`);
  expect(today()).toBe(day);
};
/** Whether the case's workflow waits for the provider (AwaitAnswer stored its task token): time may move on. */
const waitingForProvider = async (caseId: string) => {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
  const { Item } = await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId), ConsistentRead: true }));
  dynamo.destroy();
  return Item?.taskToken ? true : undefined;
};
const scan = (date: string) => platform.invoke('overdue-scan', { date });
const publicList = async (query = '') => {
  const answer = await call('GET', `/public/notices${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { from: string; to: string; notices: { kind: string; title: string; text: string; date: string; listedUntil: string }[] };
};
const inbox = async (role: Role, orgId: string, query: string) => {
  const answer = await call('GET', `/notices${query}`, role, orgId);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.notices as { kind: string; addressee: string; public: boolean; text: string }[];
};

// What the public may not read, whatever the notice.
const lateCompany = { name: '赞皇县迟报商贸有限公司', category: 'legalPerson', uscc: company(1) };
const endedCompany = { name: '赞皇县期满建材有限公司', category: 'legalPerson', uscc: company(2) };
const endedPerson = { name: '李期满', category: 'naturalPerson', residentId: person };
const objectingCompany = { name: '赞皇县异议商贸有限公司', category: 'legalPerson', uscc: company(3) };
const reportSubject = company(4);
const reportNumber = 'ZH-PN-2026-0001';
const endedDecisions = ['赞住建罚〔2026〕801号', '赞住建罚〔2026〕802号'];
const objectedDecision = '赞税罚〔2026〕803号';
const notPublic = [
  ...[1, 2, 3, 4].map(company),
  person,
  maskedPerson,
  maskedPerson.slice(0, 14),
  '李期满',
  '李**',
  endedCompany.name,
  objectingCompany.name,
  reportNumber,
  ...endedDecisions,
  objectedDecision,
];
const expectNothingPrivateIn = (body: unknown) => {
  const shown = JSON.stringify(body);
  for (const secret of notPublic) expect(shown, secret).not.toContain(secret);
  expect(shown).not.toMatch(/(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/);
};

beforeAll(async () => {
  platform = await startTestPlatform(county, 'public-notices-it');
  D = today();
});
afterAll(() => platform?.stop());

describe('public notices carry nothing that is not public, and have an end', () => {
  let caseId: string;
  let answerBy: string;

  it('on the day records leave publicity and a report expires: the public list names departments and agencies only', async () => {
    // Pushed a month after the decision: a late publication (a public notice about the department).
    await push('dept-market', penalty(lateCompany, '赞市监罚〔2026〕800号', addDays(D, -30), '赞皇县市场监督管理局'));
    // Public until D+1: they leave public view on D+2.
    await push('dept-housing', penalty(endedPerson, endedDecisions[0]!, addDays(D, -1), '赞皇县住房和城乡建设局', { publicityPeriodEnd: addDays(D, 1) }));
    await push('dept-housing', penalty(endedCompany, endedDecisions[1]!, addDays(D, -1), '赞皇县住房和城乡建设局', { publicityPeriodEnd: addDays(D, 1) }));
    // A report whose last valid day is today, stored as ingest stores it.
    const report: StoredReport = {
      reportId: 'rpt_PUBLICNOTICESTEST00001',
      subjectId: reportSubject,
      subjectType: 'uscc',
      agencyId: 'agency-xinyuan',
      agencyName: '信源信用评估有限公司',
      reportNumber,
      reportType: 'comprehensive',
      issueDate: addDays(D, -365),
      validUntil: D,
      rating: 'A',
      sha256: '0'.repeat(64),
      sizeBytes: 10,
      objectKey: 'reports/incoming/agency-xinyuan/upl_pn.pdf',
      status: 'valid',
      acceptedAt: platform.clock.now().toISOString(),
    };
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [platform.names.creditTable]: reportItems(report).map((Item) => ({ PutRequest: { Item } })) } }));
    dynamo.destroy();

    const day = addDays(D, 2);
    await moveTo(day);
    await scan(day);

    const listed = await publicList();
    expect(listed.notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['late-publication', 'report-expired']));
    expect(listed.notices.map((n) => n.kind)).not.toContain('publicity-ended');
    const expired = listed.notices.find((n) => n.kind === 'report-expired')!;
    for (const fact of ['信源信用评估有限公司', D]) expect(expired.text).toContain(fact);
    expectNothingPrivateIn(listed);
  });

  it('tells the providing department, the credit office, the agency and the subject by addressed notices', async () => {
    const range = `?from=${D}&to=${today()}`;
    const housing = await inbox('department', 'dept-housing', range);
    expect(housing.map((n) => [n.kind, n.public])).toEqual([['publicity-ended', false]]);
    for (const decision of endedDecisions) expect(housing[0]!.text).toContain(decision);
    const office = await inbox('creditOffice', 'credit-office', `${range}&addressee=creditOffice&kind=publicity-ended`);
    expect(office).toEqual([expect.objectContaining({ addressee: 'creditOffice', public: false, text: expect.stringContaining(endedDecisions[1]!) })]);
    const agency = await inbox('agency', 'agency-xinyuan', `${range}&kind=report-expired`);
    expect(agency.filter((n) => !n.public)).toEqual([expect.objectContaining({ text: expect.stringContaining(reportNumber) })]);
    const subject = await inbox('subject', reportSubject, range);
    expect(subject).toEqual([expect.objectContaining({ kind: 'report-expired', public: false, text: expect.stringContaining(reportNumber) })]);
    expect(JSON.stringify([housing, office])).not.toContain(person);
  });

  it('an objection past its answer day goes to the credit office and the provider, not to the public', async () => {
    const pushed = await push('dept-tax', penalty(objectingCompany, objectedDecision, addDays(today(), -1), '赞皇县税务局'));
    const raised = await call('POST', '/objections', 'subject', company(3), { recordId: pushed.recordId, reason: '处罚已撤销' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    caseId = raised.body.case.caseId;
    answerBy = await until('the answer day', async () => (await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.answerBy as string | undefined);

    await until('the workflow to wait for the provider', () => waitingForProvider(caseId));
    const day = addDays(answerBy, 1);
    await moveTo(day);
    await until(
      'the case to be overdue',
      async () => ((await call('GET', `/objections/${caseId}`, 'creditOffice', 'credit-office')).body.state === 'overdue' ? true : undefined),
      30_000,
    );
    await scan(day);

    const range = `?from=${answerBy}&to=${day}&kind=verification-overdue`;
    expect(await inbox('department', 'dept-tax', range)).toEqual([expect.objectContaining({ addressee: 'dept-tax', public: false, text: expect.stringContaining(caseId) })]);
    expect(await inbox('creditOffice', 'credit-office', `${range}&addressee=creditOffice`)).toEqual([
      expect.objectContaining({ addressee: 'creditOffice', public: false, text: expect.stringContaining(caseId) }),
    ]);
    const listed = await publicList(`?from=${D}&to=${day}`);
    expect(listed.notices.map((n) => n.kind)).not.toContain('verification-overdue');
    expect(listed.notices.map((n) => n.kind)).not.toContain('case-escalation');
    expect(JSON.stringify(listed)).not.toContain(caseId);
    expectNothingPrivateIn(listed);
  });

  it('a public notice stays listed for the county’s listing period, then drops off', async () => {
    const days = county.notices.publicListingDays.days;
    const listed = await publicList(`?from=${D}&to=${today()}`);
    const late = listed.notices.find((n) => n.kind === 'late-publication')!;
    expect(late.listedUntil).toBe(addDays(late.date, days - 1));

    await moveTo(late.listedUntil);
    expect((await publicList(`?date=${late.date}`)).notices.map((n) => n.kind)).toContain('late-publication');
    await moveTo(addDays(late.listedUntil, 1));
    expect((await publicList(`?date=${late.date}`)).notices).toEqual([]);
    // Still addressed to its department, and in the credit office's records.
    expect((await inbox('department', 'dept-market', `?date=${late.date}`)).map((n) => n.kind)).toContain('late-publication');
    expectNothingPrivateIn(await publicList());
  });
});
