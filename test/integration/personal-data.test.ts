import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { maskResidentId } from '../../shared/privacy/resident-id-mask.ts';
import { isValidResidentId, residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

/**
 * Issue 7, part 3: a resident ID number is stored only sealed, and never reaches a log line, a table
 * item, a stored object, a notice or an answer to anyone but the person and the credit office. The
 * whole demo runs, then a day of work on persons' records (pushes with the number in free text, checks,
 * an objection with the number in its reason, a correction, a report about a person, exports, the
 * overdue scan); then every log line of the run, every item of both tables, every object of the bucket,
 * the notice outbox and every answer to another caller are searched for any valid ID number.
 */
const county = loadCounty('jiaxian');
const today = testDate;
const d = county.divisionCode;
const idOf = (birth: string, seq: string) => `${d}${birth}${seq}` + residentIdCheckDigit(`${d}${birth}${seq}`);
const usccOf = (body: string) => `91${d}${body}` + usccCheckCharacter(`91${d}${body}`);
const personA = idOf('19900101', '456');
const personB = idOf('19770707', '314');
const operator = idOf('19660606', '271');
const business = usccOf('MA7PRK801');
const organ = `11${d}MB0000001`;
const authority = { name: `${county.name}市场监督管理局`, uscc: organ + usccCheckCharacter(organ) };

/** Every valid resident ID number in a text: 17 digits and a check digit that fits, not inside a longer code. */
const residentIdsIn = (text: string): string[] =>
  [...text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)].map((m) => m[0].toUpperCase()).filter(isValidResidentId);

let platform: LocalPlatform;
const logLines: string[] = [];
/** Answers to callers who may not see the number whole: searched like the logs. */
const foreignAnswers: string[] = [];
const persons = () => [personA, personB, operator, demoSubjects(county).find((s) => s.key === 'person')!.residentId!];

const call = async (method: string, path: string, role: Role, orgId: string, body?: unknown, options: { owner?: boolean } = {}) => {
  const answer = await callApi(platform, method, path, role, orgId, body);
  if (!options.owner && role !== 'creditOffice') foreignAnswers.push(`${method} ${path} as ${role}: ${JSON.stringify(answer.body)}`);
  return answer;
};

const penalty = (subject: Record<string, unknown>, number: string, facts: string) => ({
  kind: 'penalty',
  subject,
  decisionNumber: number,
  decisionDate: addDays(today, -2),
  authority,
  sourceDepartment: `${county.name}市场监督管理局`,
  violationType: '无照经营',
  facts,
  legalBasis: '《无证无照经营查处办法》第十三条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币五千元',
  fineAmountYuan: 5000,
});

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // Powertools writes to the process's stdout and stderr: everything a function logs passes here (kept, not printed).
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (logLines.push(String(chunk)), true));
  platform = await startLocalPlatform({
    clock: testClockStart,
    county,
    dataDir: mkdtempSync(join(tmpdir(), 'personal-data-it-')),
    port: 0,
    fresh: true,
    demo: true,
    retryTimeScale: 0,
    log: (entry) => void logLines.push(JSON.stringify(entry)),
  });
}, 180_000);

afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_LOG_LEVEL;
  await platform?.stop();
});

describe('resident ID numbers', () => {
  let recordA: string;

  it('are sealed when pushed; the person and the credit office see them whole, a department masked', async () => {
    const pushed = await call('POST', '/records', 'department', 'dept-market', penalty({ name: '李隐私', category: 'naturalPerson', residentId: personA }, '郏市监罚〔2026〕901号', `当事人李隐私（公民身份号码${personA}）无照经营`));
    expect(pushed.status).toBe(201);
    recordA = pushed.body.recordId;
    expect(pushed.body.subject.id).toBe(maskResidentId(personA));
    expect(pushed.body.details.facts).toContain(maskResidentId(personA));
    // A retry of the same body is recognised although only the person key is stored.
    expect((await call('POST', '/records', 'department', 'dept-market', penalty({ name: '李隐私', category: 'naturalPerson', residentId: personA }, '郏市监罚〔2026〕901号', `当事人李隐私（公民身份号码${personA}）无照经营`))).status).toBe(200);

    const own = await call('GET', `/records/${recordA}`, 'subject', personA, undefined, { owner: true });
    expect(own.status).toBe(200);
    expect(own.body.record.subject.id).toBe(personA);
    expect(own.body.record.details.subject.residentId).toBe(personA);
    const office = await call('GET', `/records/${recordA}`, 'creditOffice', 'credit-office');
    expect(office.body.record.subject.id).toBe(personA);
    const other = await call('GET', `/records/${recordA}`, 'department', 'dept-finance');
    expect(other.status).toBe(200);
    expect(other.body.record.subject.id).toBe(maskResidentId(personA));

    const mine = await call('GET', `/subjects/${personA}/records`, 'subject', personA, undefined, { owner: true });
    expect(mine.body.records.map((r: { recordId: string }) => r.recordId)).toEqual([recordA]);
    expect((await call('GET', '/me', 'subject', personA, undefined, { owner: true })).body).toMatchObject({ orgId: maskResidentId(personA), displayOrgId: maskResidentId(personA) });
  });

  it('an individual business keyed by its code keeps its operator’s number sealed too', async () => {
    const pushed = await call('POST', '/records', 'department', 'dept-market', penalty({ name: '郏县隐私小吃店', category: 'individualBusiness', uscc: business, residentId: operator }, '郏市监罚〔2026〕902号', '未按规定公示信息'));
    expect(pushed.status).toBe(201);
    expect(pushed.body.subject.id).toBe(business);
    expect(pushed.body.details.subject.residentId).toBe(maskResidentId(operator));
    const office = await call('GET', `/records/${pushed.body.recordId}`, 'creditOffice', 'credit-office');
    expect(office.body.record.details.subject.residentId).toBe(operator);
  });

  it('reach checks, objections, corrections, reports, exports and notices only masked', async () => {
    const check = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: personA, matter: { type: 'procurement', reference: 'ZC-PRIV-1', name: '办公用品采购' } });
    expect(check.status).toBe(201);
    expect(check.body.subject.id).toBe(maskResidentId(personA));
    expect((await call('GET', `/checks/${check.body.checkId}`, 'creditOffice', 'credit-office')).body.subject.id).toBe(personA);
    // A number that fails its check digit is refused without being echoed.
    const bad = `${personB.slice(0, 17)}${personB.endsWith('0') ? '1' : '0'}`;
    const refused = await call('POST', '/checks', 'department', 'dept-finance', { subjectId: bad, matter: { type: 'procurement', reference: 'ZC-PRIV-2', name: '采购' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(bad);

    const objection = await call('POST', '/objections', 'subject', personA, { recordId: recordA, reason: `本人（${personA}）未经营该店，请核查` }, { owner: true });
    expect(objection.status).toBe(201);
    const caseId = objection.body.case.caseId;
    const seen = await call('GET', `/objections/${caseId}`, 'department', 'dept-market');
    expect(seen.body.subject.id).toBe(maskResidentId(personA));
    expect(seen.body.reason).toContain(maskResidentId(personA));
    expect((await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', { outcome: 'corrected', reasoning: '当事人姓名登记有误', correctedFields: { subject: { name: '李更正', residentId: personB } } })).body.error.field).toBe('body.correctedFields.subject.residentId');
    const answered = await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', { outcome: 'corrected', reasoning: '当事人姓名登记有误', correctedFields: { subject: { name: '李更正' } } });
    expect(answered.status).toBe(202);
    const closed = await until('the objection to close', async () => {
      const c = await call('GET', `/objections/${caseId}`, 'subject', personA, undefined, { owner: true });
      return c.body.state === 'closed' ? c.body : undefined;
    }, 30_000);
    expect(closed.subject.id).toBe(personA);
    const corrected = await call('GET', `/records/${recordA}`, 'creditOffice', 'credit-office');
    expect(corrected.body.record).toMatchObject({ version: 2, subject: { id: personA, name: '李更正' } });

    const notices = await call('GET', '/notices', 'subject', personA, undefined, { owner: true });
    expect(notices.body.notices.map((n: { kind: string }) => n.kind)).toContain('case-decided');

    const upload = await call('POST', '/reports/uploads', 'agency', 'agency-xinyuan', { subjectId: personB, reportNumber: 'PRIV-001', reportType: 'comprehensive', issueDate: addDays(today, -1), rating: 'A' });
    expect(upload.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'report.pdf');
    expect((await fetch(upload.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
    await until('the report to be accepted', async () => {
      const state = await call('GET', `/reports/uploads/${upload.body.uploadId}`, 'agency', 'agency-xinyuan');
      return state.body.state === 'accepted' ? state : undefined;
    });
    const reports = await call('GET', `/subjects/${personB}/reports`, 'subject', personB, undefined, { owner: true });
    expect(reports.body.reports).toHaveLength(1);

    const month = today.slice(0, 7);
    const csv = await fetch(`${platform.apiUrl}/usage-lists/${month}/export?format=csv`, { headers: { authorization: `Bearer ${await platform.token('department', 'dept-finance')}` } });
    expect(csv.status).toBe(200);
    foreignAnswers.push(`usage list export: ${await csv.text()}`);
    await platform.invoke('overdue-scan', { date: addDays(today, 40) });
  });

  it('appear nowhere else: not in a log line, a table item, a stored object, a notice or an answer to another caller', async () => {
    const aws = { region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } };
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, ...aws }));
    const s3 = new S3Client({ endpoint: platform.endpoints.s3, forcePathStyle: true, ...aws });
    const places: { place: string; text: string }[] = [];

    places.push({ place: 'logs', text: logLines.join('\n') });
    for (const table of [platform.names.creditTable, platform.names.usageTable]) {
      let startKey: Record<string, unknown> | undefined;
      let items = 0;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
        for (const item of page.Items ?? []) places.push({ place: `${table} ${item.pk} ${item.sk}`, text: JSON.stringify(item) });
        items += page.Items?.length ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      expect(items, table).toBeGreaterThan(5);
    }
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: platform.names.reportsBucket }));
    for (const object of objects.Contents ?? []) {
      places.push({ place: `s3 key ${object.Key}`, text: object.Key! });
      const body = await s3.send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: object.Key! }));
      places.push({ place: `s3 ${object.Key}`, text: Buffer.from(await body.Body!.transformToByteArray()).toString('latin1') });
    }
    if (existsSync(platform.outboxFile)) places.push({ place: 'notice outbox', text: readFileSync(platform.outboxFile, 'utf8') });
    // The local runtime's own files (journal of executions, ports, clock): only the key file is secret, and holds no number.
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
    for (const file of walk(join(platform.outboxFile, '..', '..', 'stepfunctions'))) places.push({ place: file, text: readFileSync(file, 'utf8') });
    for (const answer of foreignAnswers) places.push({ place: 'answer', text: answer });

    // The search itself finds a number, in a log line as in a key.
    expect(residentIdsIn(`{"facts":"${personA}"} SUBJECT#${personB}`)).toEqual([personA, personB]);
    // The run did touch the numbers: the owners' answers hold them (checked above), and the logs are not empty.
    expect(logLines.filter((line) => line.includes('"function_name"')).length).toBeGreaterThan(5);
    const found = places.flatMap(({ place, text }) => [
      ...residentIdsIn(text).map((id) => `${place}: ${maskResidentId(id)}`),
      ...persons().filter((id) => text.includes(id)).map((id) => `${place}: contains ${maskResidentId(id)}`),
    ]);
    expect(found).toEqual([]);
    const sealedItems = places.filter(({ text }) => text.includes('rid1.')).length;
    expect(sealedItems).toBeGreaterThan(0);
  });
});
