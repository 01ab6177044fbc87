import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { keys, usageKeys } from '../../shared/storage/keys.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { callApi } from '../support/platform-api.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

const maxReportBytes = 64 * 1024;
const lianjiang = loadCounty('lianjiang');
const county = { ...lianjiang, uploads: { ...lianjiang.uploads, maxReportBytes } };
const today = testDate;
const subject = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const aws = () => ({ region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });

let platform: LocalPlatform;
let dynamo: DynamoDBDocumentClient;
let s3: S3Client;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const agency = (method: string, path: string, body?: unknown, orgId = 'agency-xinyuan') => call(method, path, 'agency', orgId, body);

const announce = (subjectId: string, reportNumber: string, overrides: Record<string, unknown> = {}) => ({
  subjectId,
  reportNumber,
  reportType: 'comprehensive',
  issueDate: addDays(today, -3),
  rating: 'A',
  ...overrides,
});

async function post(upload: { url: string; fields: Record<string, string> }, bytes: Buffer, contentType = 'application/pdf') {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'report.pdf');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
}

const settled = (uploadId: string, orgId = 'agency-xinyuan') =>
  until(`upload ${uploadId} to leave pending`, async () => {
    const state = await agency('GET', `/reports/uploads/${uploadId}`, undefined, orgId);
    return state.body.state !== 'pending' ? state.body : undefined;
  }, 15_000);

const check = (subjectId: string) =>
  call('POST', '/checks', 'department', 'dept-finance', { subjectId, matter: { type: county.matterTypes[0]!.id, reference: 'IT-1', name: '测试事项' } });

beforeAll(async () => {
  platform = await startLocalPlatform({ county, clock: testClockStart, dataDir: mkdtempSync(join(tmpdir(), 'reports-it-')), port: 0, fresh: true, demo: true, log: () => undefined });
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, ...aws() }));
  s3 = new S3Client({ endpoint: platform.endpoints.s3, forcePathStyle: true, ...aws() });
});
afterAll(async () => {
  dynamo?.destroy();
  s3?.destroy();
  await platform?.stop();
});

describe('the agency register', () => {
  it('registers an agency once, lists it publicly with its status, and suspends it', async () => {
    const body = { agencyId: 'agency-it', name: '测试信用服务有限公司', uscc: subject('MA1HTAGY0'), filingNumber: '信备〔2026〕9号', filingAuthority: '县信用办' };
    expect((await call('POST', '/agencies', 'creditOffice', 'credit-office', body)).status).toBe(201);
    expect((await call('POST', '/agencies', 'creditOffice', 'credit-office', body)).status).toBe(409);
    expect((await call('POST', '/agencies', 'department', 'dept-finance', body)).status).toBe(403);
    const listed = (await (await fetch(`${platform.apiUrl}/public/agencies`)).json()) as { agencies: any[] };
    expect(listed.agencies.find((a) => a.agencyId === 'agency-it')).toMatchObject({ status: 'active', filingNumber: '信备〔2026〕9号' });
    expect(listed.agencies.find((a) => a.agencyId === 'agency-huaxin')).toMatchObject({ status: 'suspended' });
    const suspended = await call('PATCH', '/agencies/agency-it', 'creditOffice', 'credit-office', { status: 'suspended', reason: '备案材料失效' });
    expect(suspended).toMatchObject({ status: 200, body: { status: 'suspended' } });
    expect((await call('PATCH', '/agencies/agency-none', 'creditOffice', 'credit-office', { status: 'active', reason: 'x' })).status).toBe(404);
  });
});

describe('report uploads', () => {
  const code = subject('MA1RPTHT1');
  let reportId: string;

  it('accepts real PDF bytes through the presigned POST; the report appears in a check with a working download link', async () => {
    const started = await agency('POST', '/reports/uploads', announce(code, 'IT-001'));
    expect(started.status).toBe(201);
    expect(started.body.key).toBe(`reports/incoming/agency-xinyuan/${started.body.uploadId}.pdf`);
    expect((await post(started.body.upload, demoPdf)).status).toBe(204);
    const state = await settled(started.body.uploadId);
    expect(state).toMatchObject({ state: 'accepted' });
    reportId = state.reportId;

    const receipt = await check(code);
    expect(receipt.status).toBe(201);
    expect(receipt.body.reports).toHaveLength(1);
    expect(receipt.body.reports[0]).toMatchObject({ reportId, reportNumber: 'IT-001', agencyId: 'agency-xinyuan', status: 'valid', sizeBytes: demoPdf.length });
    expect(receipt.body.reports[0].subjectId).toBeUndefined();
    const { Items: logged } = await dynamo.send(
      new QueryCommand({ TableName: platform.names.usageTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': usageKeys.check(receipt.body.checkId).pk } }),
    );
    expect(logged![0]!.reports).toEqual([{ reportId, reportNumber: 'IT-001', agencyId: 'agency-xinyuan', validUntil: receipt.body.reports[0].validUntil }]);
    const download = await fetch(receipt.body.reports[0].download.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(demoPdf)).toBe(true);
  });

  it('stores nothing twice when the S3 event comes again', async () => {
    const { Items: before } = await dynamo.send(
      new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.subjectPartition(code) } }),
    );
    const report = (await dynamo.send(new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.report(reportId).pk } }))).Items![0]!;
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Post',
          eventTime: platform.clock.now().toISOString(),
          s3: { bucket: { name: platform.names.reportsBucket }, object: { key: encodeURIComponent(report.objectKey).replace(/%2F/g, '/'), size: demoPdf.length } },
        },
      ],
    };
    const again = (await platform.invoke('ingest-report', { event })) as { results: { outcome: string }[] };
    expect(again.results[0]!.outcome).toBe('alreadySettled');
    const { Items: after } = await dynamo.send(
      new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.subjectPartition(code) } }),
    );
    expect(after).toEqual(before);
    expect(after!.filter((i) => i.type === 'report')).toHaveLength(1);
  });

  it('refuses a duplicate report number with 409', async () => {
    const duplicate = await agency('POST', '/reports/uploads', announce(code, 'IT-001'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.reportNumber' });
  });

  it('takes a voided report out of checks; the subject still sees it as voided', async () => {
    expect((await agency('POST', `/reports/${reportId}/void`, { reason: '报告有误' }, 'agency-other')).status).toBe(403);
    const voided = await call('POST', `/reports/${reportId}/void`, 'creditOffice', 'credit-office', { reason: '报告所依据的数据有误' });
    expect(voided).toMatchObject({ status: 200, body: { status: 'voided', voided: { reason: '报告所依据的数据有误' } } });
    expect(voided.body.download).toBeUndefined();
    expect((await check(code)).body.reports).toEqual([]);
    // The department that relied on the report sees, in its checks, that it was voided since.
    const mine = await call('GET', '/checks', 'department', 'dept-finance');
    const relied = mine.body.checks.flatMap((c: any) => c.reports).filter((r: any) => r.reportId === reportId);
    expect(relied.length).toBeGreaterThan(0);
    expect(relied.every((r: any) => r.statusToday === 'voided' && r.voided.reason === '报告所依据的数据有误')).toBe(true);
    const own = await call('GET', `/subjects/${code}/reports`, 'subject', code);
    expect(own.status).toBe(200);
    expect(own.body.reports.map((r: any) => r.status)).toEqual(['voided']);
    expect((await call('GET', `/subjects/${code}/reports`, 'department', 'dept-finance')).status).toBe(403);
    expect((await call('GET', `/subjects/${code}/reports`, 'subject', subject('MA1QTHER1'))).status).toBe(403);
  });

  it('rejects a file that is not a PDF, with its reason, and moves it to rejected/', async () => {
    const started = await agency('POST', '/reports/uploads', announce(code, 'IT-002'));
    expect((await post(started.body.upload, Buffer.from('<html>not a pdf</html>'))).status).toBe(204);
    const state = await settled(started.body.uploadId);
    expect(state).toEqual({ uploadId: started.body.uploadId, state: 'rejected', reason: 'the file is not a PDF (it does not start with %PDF-)' });
    const moved = await s3.send(new HeadObjectCommand({ Bucket: platform.names.reportsBucket, Key: `rejected/agency-xinyuan/${started.body.uploadId}.pdf` }));
    expect(moved.Metadata?.reason).toBe('the file is not a PDF (it does not start with %PDF-)');
    await expect(s3.send(new HeadObjectCommand({ Bucket: platform.names.reportsBucket, Key: started.body.key }))).rejects.toThrow();
    // A rejected number may be uploaded again.
    const retry = await agency('POST', '/reports/uploads', announce(code, 'IT-002'));
    expect(retry.status).toBe(201);
  });

  it('refuses an oversized file and an expired POST at S3', async () => {
    const started = await agency('POST', '/reports/uploads', announce(code, 'IT-003'));
    const tooLarge = await post(started.body.upload, Buffer.concat([demoPdf, Buffer.alloc(maxReportBytes)]));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('EntityTooLarge');

    const expired = await createPresignedPost(s3, {
      Bucket: platform.names.reportsBucket,
      Key: started.body.key,
      Conditions: [['content-length-range', 1, maxReportBytes], ['eq', '$Content-Type', 'application/pdf']],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: 1,
    });
    await new Promise((r) => setTimeout(r, 2100));
    const late = await post(expired, demoPdf);
    expect(late.status).toBe(403);
    expect((await agency('GET', `/reports/uploads/${started.body.uploadId}`)).body.state).toBe('pending');
  });

  it('refuses unregistered and suspended agencies, bad subject codes and future issue dates', async () => {
    const unregistered = await agency('POST', '/reports/uploads', announce(code, 'IT-010'), 'agency-unknown');
    expect(unregistered.status).toBe(403);
    expect(unregistered.body.error.message).toContain('not a registered credit service agency');
    const suspended = await agency('POST', '/reports/uploads', announce(code, 'IT-010'), 'agency-huaxin');
    expect(suspended.status).toBe(403);
    expect(suspended.body.error.message).toContain('suspended');
    const badCode = await agency('POST', '/reports/uploads', announce('91410425MA45E8TH5X', 'IT-010'));
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.field).toBe('body.subjectId');
    const future = await agency('POST', '/reports/uploads', announce(code, 'IT-010', { issueDate: addDays(today, 1) }));
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('body.issueDate');
  });
});

describe('demo reports', () => {
  it('shows the valid demo report in a check of the good subject, not the expired one; the voided one is listed as voided', async () => {
    const [good, bad] = demoSubjects(county);
    const receipt = await check(good!.uscc!);
    // Valid ones only (the one expiring within weeks is still valid).
    expect(receipt.body.reports.map((r: any) => r.reportNumber).sort()).toEqual(['XY-DEMO-EXPIRING', 'XY-DEMO-GOOD']);
    const listed = await call('GET', `/subjects/${good!.uscc}/reports`, 'creditOffice', 'credit-office');
    expect(Object.fromEntries(listed.body.reports.map((r: any) => [r.reportNumber, r.status]))).toEqual({
      'XY-DEMO-GOOD': 'valid',
      'XY-DEMO-EXPIRING': 'valid',
      'XY-DEMO-EXPIRED': 'expired',
    });
    const ofBad = await call('GET', `/subjects/${bad!.uscc}/reports`, 'creditOffice', 'credit-office');
    expect(Object.fromEntries(ofBad.body.reports.map((r: any) => [r.reportNumber, r.status]))).toEqual({ 'XY-DEMO-BAD': 'valid', 'XY-DEMO-VOIDED': 'voided' });
  });
});
