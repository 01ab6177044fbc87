import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { keys } from '../../shared/storage/keys.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const county = loadCounty('lianjiang');
const dataDir = mkdtempSync(join(tmpdir(), 'credit-platform-restart-'));
let platform: LocalPlatform | undefined;
afterAll(() => platform?.stop());

/** The first start sets the clock to the test date; a restart keeps the data folder's clock. */
const start = (first = false) => startLocalPlatform({ county, ...(first ? { clock: testClockStart } : {}), dataDir, port: 0, demo: false, log: () => undefined });
const credentials = () => ({ accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! });


const code = `91350122MC7000001`;
const subjectCode = code.slice(0, 17) + usccCheckCharacter(code.slice(0, 17));
const today = () => (platform ? localDate(platform.clock.now(), county.timeZone) : testDate);
const penalty = () => ({
  kind: 'penalty',
  subject: { name: '连江重启测试有限公司', category: 'legalPerson', uscc: subjectCode, legalRepresentative: '陈五' },
  decisionNumber: '连市监罚〔2026〕R1号',
  decisionDate: addDays(today(), -2),
  authority: { name: '连江县市场监督管理局', uscc: subjectCode },
  sourceDepartment: '连江县市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
});

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform!, method, path, role, orgId, body);

it('keeps tables, objects, tokens and a waiting objection across a restart', async () => {
  platform = await start(true);
  const token = await platform.token('department', 'dept-a');
  const s3 = () => new S3Client({ endpoint: platform!.endpoints.s3, region: process.env.AWS_REGION, credentials: credentials(), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const dynamo = () => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform!.endpoints.dynamodb, region: process.env.AWS_REGION, credentials: credentials() }));

  await s3().send(new PutObjectCommand({ Bucket: platform.names.reportsBucket, Key: 'kept/a.txt', Body: 'kept' }));
  const pushed = await call('POST', '/records', 'department', 'dept-a', penalty());
  expect(pushed.status).toBe(201);
  const raised = await call('POST', '/objections', 'subject', subjectCode, { recordId: pushed.body.recordId, reason: '处罚对象有误' });
  expect(raised.status).toBe(201);
  const caseId = raised.body.case.caseId as string;
  const taskToken = await until('the task token to be stored', async () => (await dynamo().send(new GetCommand({ TableName: platform!.names.creditTable, Key: keys.verificationCase(caseId) }))).Item?.taskToken as string | undefined);
  await platform.stop();

  const endpointsBefore = platform.endpoints;
  platform = await start();
  // Emulators come back where they were, so clients (and tools) configured before still reach them.
  expect(platform.endpoints).toEqual(endpointsBefore);
  // The token signed before the restart still verifies: the key lives in the data folder.
  expect((await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  const object = await s3().send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: 'kept/a.txt' }));
  expect(await object.Body!.transformToString()).toBe('kept');
  // The objection is still waiting with the same token, and the provider's answer reaches it.
  const waiting = await call('GET', `/objections/${caseId}`, 'subject', subjectCode);
  expect(waiting.body).toMatchObject({ state: 'verifying', record: { recordId: pushed.body.recordId } });
  expect((await dynamo().send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId) }))).Item?.taskToken).toBe(taskToken);
  const answered = await call('POST', `/objections/${caseId}/verification`, 'department', 'dept-a', { outcome: 'revoked', reasoning: '处罚决定已撤销' });
  expect(answered.status).toBe(202);
  const closed = await until('the objection to close', async () => {
    const c = await call('GET', `/objections/${caseId}`, 'subject', subjectCode);
    return c.body.state === 'closed' ? c.body : undefined;
  });
  expect(closed.applied).toMatchObject({ outcome: 'revoked', recordStatus: 'revoked' });
  expect((await call('GET', `/records/${pushed.body.recordId}`, 'subject', subjectCode)).body.record.status).toBe('revoked');
  // Two platform starts (emulators, synth of the state machine): longer than the default under a loaded CI.
}, 300_000); // two full starts of the emulators and a workflow: minutes on a busy two-CPU machine
