/**
 * Records delivered upstream (docs/exchange.md), end to end on the local platform: the real handlers, DynamoDB
 * Local, the S3 emulator, the verification workflow, and the local receiving endpoint standing for the city
 * platform (which verifies each delivery's signature with the machine API's key and drops repeated ids). The
 * dispatcher is invoked as its schedule would, on the platform clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { keys } from '../../shared/storage/keys.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { verifyDelivery } from '../../shared/exchange/delivery-signature.ts';
import { takeLease } from '../../shared/exchange/delivery-store.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testDate } from '../support/test-date.ts';

const base = loadCounty('zanhuang');
const source = { platformDefault: '测试：石家庄市平台的接收端（本机） / the test county' };
const county: CountyConfig = {
  ...base,
  exchange: {
    ...base.exchange,
    destinations: [
      { id: 'city', name: '石家庄市公共信用信息平台', transport: 'https', url: 'https://city.example.invalid/dual-publicity', personIdNumbers: 'masked', source },
      { id: 'province-files', name: '河北省平台·每日文件', transport: 'file', kinds: ['penalty', 'licence'], personIdNumbers: 'masked', source },
    ],
    retry: { firstSeconds: 60, maxSeconds: 3600, deadLetterAfterHours: 72 },
  },
};
const today = testDate;
let serial = 0;
const newCompany = () => {
  serial += 1;
  const first17 = `91${county.divisionCode}MX${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const authority = { name: '赞皇县市场监督管理局', uscc: newCompany() };
const person = '13012919880808123' + residentIdCheckDigit('13012919880808123');

let platform: LocalPlatform;
/** A record whose version the table lost (a test below), so its deliveries cannot be built. */
let brokenRecord = '';
const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const office = {
  get: (path: string) => call('GET', path, 'creditOffice', 'credit-office'),
  post: (path: string, body: unknown) => call('POST', path, 'creditOffice', 'credit-office', body),
};

const penalty = (code: string, number: string, fineAmountYuan = 10000) => ({
  kind: 'penalty',
  subject: { name: `赞皇交换测试${code.slice(-4)}有限公司`, category: 'legalPerson', uscc: code, legalRepresentative: '李四' },
  decisionNumber: number,
  decisionDate: addDays(today, -2),
  authority,
  sourceDepartment: '赞皇县市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《中华人民共和国反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: `罚款人民币${fineAmountYuan}元`,
  fineAmountYuan,
});

async function push(record: unknown): Promise<string> {
  const answer = await call('POST', '/records', 'department', 'dept-market', record);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.recordId;
}
async function correct(recordId: string, record: unknown, expectedVersion: number) {
  const answer = await call('PUT', `/records/${recordId}`, 'department', 'dept-market', { record, reason: '罚款金额录入错误', expectedVersion });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}
const dispatch = () => platform.invoke('dispatch-exchange') as Promise<{ delivered: number; retried: number; deadLettered: number; queued: number; files: string[]; skipped?: string }>;
const keptFor = (recordId: string) => platform.upstream.kept('city').filter((d) => d.body.recordId === recordId);
const destination = async (id: string) => (await office.get('/exchange/destinations')).body.destinations.find((d: any) => d.id === id);

async function revokeByObjection(code: string, recordId: string) {
  const raised = await call('POST', '/objections', 'subject', code, { recordId, reason: '该处罚决定已被复议撤销' });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  const caseId = raised.body.case.caseId as string;
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
  await until(`the workflow to wait for the provider (${JSON.stringify((await office.get(`/objections/${caseId}`)).body)})`, async () => {
    const { Item } = await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId), ConsistentRead: true }));
    return Item?.taskToken ? true : undefined;
  });
  const answer = await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-market', { outcome: 'revoked', reasoning: '复议决定撤销原处罚' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  await until('the case to close', async () => ((await office.get(`/objections/${caseId}`)).body.state === 'closed' ? true : undefined));
  return caseId;
}

beforeAll(async () => {
  platform = await startTestPlatform(county, 'exchange-it');
});
afterAll(() => platform?.stop());

describe('records delivered to the upstream platforms', () => {
  it('a penalty pushed, corrected and revoked reaches the city platform as ordered deliveries in the national fields, signed', async () => {
    const code = newCompany();
    const recordId = await push(penalty(code, '赞市监罚〔2026〕301号'));
    expect((await dispatch()).delivered).toBeGreaterThanOrEqual(1);
    await correct(recordId, penalty(code, '赞市监罚〔2026〕301号', 5000), 1);
    await dispatch();
    const caseId = await revokeByObjection(code, recordId);
    await dispatch();

    const kept = keptFor(recordId);
    // The objection raised (the punishments suspended) goes up between the correction and the revocation.
    expect(kept.map((d) => [d.body.change, d.body.version, d.body.lifecycle])).toEqual([
      ['created', 1, 'active'],
      ['corrected', 2, 'corrected'],
      ['objectionRaised', 2, 'underObjection'],
      ['revoked', 2, 'revoked'],
    ]);
    const sequences = kept.map((d) => d.body.sequence);
    expect([...sequences].sort()).toEqual(sequences);
    expect(new Set(kept.map((d) => d.id)).size).toBe(4);
    // The national standard's columns, as the import templates read them.
    expect(kept[0]!.body.fields).toMatchObject({ 行政相对人名称: `赞皇交换测试${code.slice(-4)}有限公司`, 统一社会信用代码: code, 行政处罚决定书文号: '赞市监罚〔2026〕301号', '罚款金额（万元）': '1', 处罚类别: '罚款' });
    expect(kept[1]!.body.fields['罚款金额（万元）']).toBe('0.5');
    expect(kept[1]!.body.platform.correctionReason).toBe('罚款金额录入错误');
    expect(kept[2]!.body.platform.caseId).toBe(caseId);
    expect(kept[3]!.body.platform.caseId).toBe(caseId);
    expect(platform.upstream.refusedSignatures()).toBe(0);
  });

  it('a receiver verifies a delivery with the published JWKS; a changed body or header does not verify', async () => {
    const jwks = await fetch(`${platform.machineApiUrl}/.well-known/jwks.json`).then((r) => r.json() as Promise<{ keys: any[] }>);
    const delivery = platform.upstream.kept('city')[0]!;
    // The bytes sent were JSON.stringify of the body: the same bytes again.
    const body = JSON.stringify(delivery.body);
    const verify = (changes: { body?: string; id?: string; timestamp?: string }) =>
      verifyDelivery({ jwks, id: changes.id ?? delivery.id, timestamp: changes.timestamp ?? delivery.timestamp, signature: delivery.signature, body: changes.body ?? body });
    expect(verify({})).toBeNull();
    expect(verify({ body: body.replace('"created"', '"revoked"') })).toMatch(/does not match/);
    expect(verify({ id: 'dlv_AAAAAAAAAAAAAAAAAAAAAAAAAA' })).toMatch(/does not match/);
    expect(verify({ timestamp: '2030-01-01T00:00:00.000Z' })).toMatch(/does not match/);
    expect(verifyDelivery({ jwks, id: delivery.id, timestamp: delivery.timestamp, signature: 'credit-delivery-v1;kid=unknown;sig=AAAA', body })).toMatch(/no key/);
  });

  it('an upstream down for a day loses nothing, and delivers each record in order when back', async () => {
    platform.upstream.fail({ status: 503 }, 'city');
    const code = newCompany();
    const recordId = await push(penalty(code, '赞市监罚〔2026〕302号'));
    await correct(recordId, penalty(code, '赞市监罚〔2026〕302号', 2000), 1);
    const other = await push(penalty(newCompany(), '赞市监罚〔2026〕303号'));
    const first = await dispatch();
    expect(first.delivered).toBe(0);
    expect(first.retried).toBeGreaterThanOrEqual(2);
    let city = await destination('city');
    expect(city).toMatchObject({ due: 2, waiting: 1, pending: 3, failed: 0, lastError: expect.stringContaining('HTTP 503') });
    // Retried with backoff through the day: still down, nothing dead-lettered (that waits 72 hours).
    for (let hour = 0; hour < 24; hour += 6) {
      await platform.clock.advance(6 * 3600_000);
      const run = await dispatch();
      expect(run.deadLettered).toBe(0);
    }
    city = await destination('city');
    expect(city.pending).toBe(3);
    const waiting = (await office.get('/exchange/destinations/city/deliveries?state=due')).body.deliveries;
    expect(waiting.every((d: any) => d.attempts >= 2)).toBe(true);

    platform.upstream.recover('city');
    await platform.clock.advance(3600_000);
    const back = await dispatch();
    expect(back.delivered).toBe(3);
    expect(keptFor(recordId).map((d) => d.body.change)).toEqual(['created', 'corrected']);
    expect(keptFor(other).map((d) => d.body.change)).toEqual(['created']);
    expect(await destination('city')).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a retry after a lost answer is harmless: the receiver drops the repeated id', async () => {
    platform.upstream.fail({ takeThenFail: 502 }, 'city');
    const recordId = await push(penalty(newCompany(), '赞市监罚〔2026〕304号'));
    expect((await dispatch()).retried).toBe(1);
    platform.upstream.recover('city');
    await platform.clock.advance(120_000);
    expect((await dispatch()).delivered).toBe(1);
    const received = platform.upstream.received('city').filter((d) => d.body.recordId === recordId);
    expect(received.map((d) => d.duplicate)).toEqual([false, true]);
    expect(new Set(received.map((d) => d.id)).size).toBe(1);
    expect(keptFor(recordId)).toHaveLength(1);
  });

  it('a refusal dead-letters the delivery and holds the record’s later changes; the redrive sends them in order', async () => {
    platform.upstream.fail({ status: 422, body: '字段校验失败' }, 'city');
    const code = newCompany();
    const recordId = await push(penalty(code, '赞市监罚〔2026〕305号'));
    expect((await dispatch()).deadLettered).toBe(1);
    await correct(recordId, penalty(code, '赞市监罚〔2026〕305号', 3000), 1);
    platform.upstream.recover('city');
    await dispatch();
    expect(keptFor(recordId)).toHaveLength(0);
    expect(await destination('city')).toMatchObject({ failed: 1, waiting: 1 });
    const failed = (await office.get('/exchange/destinations/city/deliveries?state=failed')).body.deliveries;
    expect(failed).toEqual([expect.objectContaining({ recordId, change: 'created', state: 'failed', lastError: expect.stringContaining('HTTP 422') })]);

    expect((await call('POST', '/exchange/destinations/city/redrive', 'department', 'dept-market', {})).status).toBe(403);
    expect((await office.post('/exchange/destinations/nowhere/redrive', {})).status).toBe(404);
    const redriven = await office.post('/exchange/destinations/city/redrive', { deliveryIds: [failed[0].deliveryId] });
    expect(redriven.body).toEqual({ destinationId: 'city', redriven: 1 });
    expect((await dispatch()).delivered).toBe(2);
    expect(keptFor(recordId).map((d) => d.body.change)).toEqual(['created', 'corrected']);
    expect(await destination('city')).toMatchObject({ failed: 0, pending: 0 });
  });

  it('a delivery whose version cannot be read is dead-lettered alone; the run goes on with the others', async () => {
    const broken = (brokenRecord = await push(penalty(newCompany(), '赞市监罚〔2026〕310号')));
    const sound = await push(penalty(newCompany(), '赞市监罚〔2026〕311号'));
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
    await dynamo.send(new DeleteCommand({ TableName: platform.names.creditTable, Key: keys.recordVersion(broken, 1) }));
    const run = await dispatch();
    expect(run.deadLettered).toBe(1);
    expect(keptFor(sound)).toHaveLength(1);
    const failed = (await office.get('/exchange/destinations/city/deliveries?state=failed')).body.deliveries;
    expect(failed).toEqual([expect.objectContaining({ recordId: broken, lastError: expect.stringContaining('not built') })]);
  });

  it('one run at a time: a run that finds the lease held does nothing; a lease left by a dead run frees itself', async () => {
    await push(penalty(newCompany(), '赞市监罚〔2026〕306号'));
    const before = platform.upstream.received('city').length;
    expect(await takeLease('a-run-that-died', platform.clock.now(), 60)).toBe(true);
    expect(await dispatch()).toMatchObject({ skipped: 'leaseHeld', delivered: 0 });
    expect(platform.upstream.received('city')).toHaveLength(before);
    await platform.clock.advance(61_000);
    expect((await dispatch()).delivered).toBe(1);
    expect(platform.upstream.received('city').slice(before).filter((d) => d.duplicate)).toEqual([]);
  });

  it('a person’s ID number never goes up whole to a destination that may have it masked', async () => {
    const recordId = await push({
      kind: 'penalty',
      subject: { name: '张三', category: 'naturalPerson', residentId: person },
      decisionNumber: '赞市监罚〔2026〕307号',
      decisionDate: addDays(today, -1),
      authority,
      sourceDepartment: '赞皇县市场监督管理局',
      violationType: '无照经营',
      facts: `当事人（身份证 ${person}）无照经营`,
      legalBasis: '《无证无照经营查处办法》第十三条',
      penaltyCategories: ['warning'],
      penaltyContent: '警告',
    });
    await dispatch();
    const [delivery] = keptFor(recordId);
    expect(JSON.stringify(delivery!.body)).not.toContain(person);
    expect(delivery!.body.fields.证件类型).toBe('身份证');
    expect(delivery!.body.fields.证件号码).toMatch(/\*/);
  });

  it('the daily file of a file destination holds the day’s changes in order, with a signed manifest; the office sees it', async () => {
    const code = newCompany();
    const recordId = await push(penalty(code, '赞市监罚〔2026〕308号'));
    await correct(recordId, penalty(code, '赞市监罚〔2026〕308号', 800), 1);
    await dispatch();
    const day = localDate(platform.clock.now(), county.timeZone);
    await platform.clock.set(`${addDays(day, 1)}T01:00:00+08:00`);
    const run = await dispatch();
    const file = `exchange/province-files/${day}.jsonl`;
    expect(run.files).toContain(file);
    const s3 = new S3Client({ endpoint: platform.endpoints.s3, region: process.env.AWS_REGION, forcePathStyle: true });
    const text = await (await s3.send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: file }))).Body!.transformToString();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.kind === 'penalty' && l.destination === 'province-files')).toBe(true);
    const byRecord = new Map<string, string[]>();
    for (const l of lines) byRecord.set(l.recordId, [...(byRecord.get(l.recordId) ?? []), l.sequence]);
    for (const seqs of byRecord.values()) expect([...seqs].sort()).toEqual(seqs);
    expect(lines.filter((l) => l.recordId === recordId).map((l) => l.change)).toEqual(['created', 'corrected']);
    // The delivery that cannot be built is left out of the file and dead-lettered, the rest of the day written.
    expect(lines.some((l) => l.recordId === brokenRecord)).toBe(false);
    const filesFailed = (await office.get('/exchange/destinations/province-files/deliveries?state=failed')).body.deliveries;
    expect(filesFailed).toEqual([expect.objectContaining({ recordId: brokenRecord, lastError: expect.stringContaining('not built') })]);
    const manifest = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: `exchange/province-files/${day}.manifest.json` }))).Body!.transformToString());
    const jwks = await fetch(`${platform.machineApiUrl}/.well-known/jwks.json`).then((r) => r.json() as Promise<{ keys: any[] }>);
    expect(verifyDelivery({ jwks, id: `province-files/${day}`, timestamp: manifest.signedAt, signature: manifest.signature, body: text })).toBeNull();
    expect(manifest.count).toBe(lines.length);
    const files = await destination('province-files');
    expect(files).toMatchObject({ droppedThrough: day, pending: 0, lastFile: file });
    expect(files.delivered).toBeGreaterThanOrEqual(lines.length);
    // Again: nothing new is written for a day already dropped.
    expect((await dispatch()).files).toEqual([]);
    expect((await call('GET', '/exchange/destinations', 'department', 'dept-market')).status).toBe(403);
  });
});
