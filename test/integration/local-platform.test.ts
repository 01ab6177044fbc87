import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { DescribeExecutionCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { onMachineApi, onPeopleApi } from '../../shared/lambda/declaration.ts';
import { functions } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { shiftMonth } from '../../shared/compliance/month-facts.ts';
import { keys } from '../../shared/storage/keys.ts';
import { verificationWorkflow } from '../../shared/cases/workflows.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { until } from '../support/until.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

/**
 * Jiaxian, with Lianjiang's work summary as a filing kind (Jiaxian's notice asks for none; the filing samples need
 * one) and its bulletins public (no notice says so; the public bulletin sample needs one): what a sample names exists.
 */
const jiaxian = loadCounty('jiaxian');
const workSummary = loadCounty('lianjiang').filings.kinds[0]!;
const county: typeof jiaxian = {
  ...jiaxian,
  filings: { ...jiaxian.filings, kinds: [{ ...workSummary, source: { platformDefault: "local-platform test: Lianjiang's work summary in Jiaxian" } }] },
  bulletins: { ...jiaxian.bulletins, publicSite: { publish: true, source: { platformDefault: 'local-platform test: the public bulletin sample' } } },
};
let platform: LocalPlatform;
/** The month before the suite's day: ended, so a bulletin of it can be drafted. */
const previousMonth = shiftMonth(testDate.slice(0, 7), -1);
let dynamo: DynamoDBDocumentClient;
let logs: Record<string, unknown>[] = [];

const aws = () => ({ region: process.env.AWS_REGION!, credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });


beforeAll(async () => {
  platform = await startLocalPlatform({
    clock: testClockStart,
    county,
    dataDir: mkdtempSync(join(tmpdir(), 'credit-platform-it-')),
    port: 0,
    fresh: true,
    demo: true,
    schedules: false,
    log: (entry) => void logs.push(entry),
  });
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, ...aws() }));
});

afterAll(async () => {
  dynamo?.destroy();
  await platform?.stop();
});

describe('HTTP API on the local runtime', () => {
  it('serves a public route without a token, computing deadlines on the county calendar', async () => {
    const response = await fetch(`${platform.apiUrl}/public/county?date=2026-09-30`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: 'jiaxian', siteName: '信用郏县', date: '2026-09-30', publicationDeadlineForDecisionToday: '2026-10-15' });
  });

  it('answers bad input with the field and the rule', async () => {
    const response = await fetch(`${platform.apiUrl}/public/county?date=30.09.2026`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', field: 'query.date', message: 'query.date: must be a date written YYYY-MM-DD' },
    });
  });

  it('gives an authenticated route the typed caller from the token', async () => {
    const token = await platform.token('department', 'dept-finance');
    const response = await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ role: 'department', orgId: 'dept-finance', county: 'jiaxian' });
  });

  it('refuses missing, forged and expired tokens with 401 and another county with 403', async () => {
    const noToken = await fetch(`${platform.apiUrl}/me`);
    expect(noToken.status).toBe(401);
    const good = await platform.token('subject', 'x');
    const forged = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const expired = await platform.issuer.sign({ role: 'subject', orgId: 'x', county: 'jiaxian', expiresInSeconds: -60 });
    expect((await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const otherCounty = await platform.issuer.sign({ role: 'department', orgId: 'dept-finance', county: 'kunming' });
    const wrong = await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${otherCounty}` } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('publishes an OpenAPI 3.1 document with exactly the declared routes', async () => {
    const document = (await (await fetch(`${platform.apiUrl}/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = functions.flatMap((f) => (f.trigger.type === 'http' && onPeopleApi(f.trigger) ? [`${f.trigger.method} ${f.trigger.path}`] : []));
    expect(documented.sort()).toEqual(declared.sort());
  });

  it("publishes the machine API's own document: its OAuth endpoints and the routes offered to machines, with their scopes", async () => {
    const document = (await (await fetch(`${platform.machineApiUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security: unknown[] }>>; components: { securitySchemes: Record<string, { type: string }> } };
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const offered = functions.flatMap((f) => (f.trigger.type === 'http' && onMachineApi(f.trigger) ? [`${f.trigger.method} ${f.trigger.path}`] : []));
    expect(documented.sort()).toEqual(offered.sort());
    expect(document.components.securitySchemes.machineOAuth!.type).toBe('oauth2');
    expect(document.paths['/checks/batch']!.post!.security).toEqual([{ machineOAuth: ['checks:run'] }]);
  });
});

describe('S3 events reach the declared handler', () => {
  it('records the demo upload, whose key has spaces and Chinese characters', async () => {
    const key = 'uploads/agency-xinyuan/示范 信用报告 2026.pdf';
    const found = await until('the demo upload to be recorded', async () => {
      const result = await dynamo.send(
        new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.upload(platform.names.reportsBucket, key, 'x').pk } }),
      );
      return result.Items?.[0];
    });
    expect(found).toMatchObject({ objectKey: key, contentType: 'application/pdf' });
  });

  it('records a browser upload through a presigned POST, once', async () => {
    const s3 = new S3Client({ endpoint: platform.endpoints.s3, forcePathStyle: true, ...aws() });
    const key = 'uploads/agency-xinyuan/report+1 %.pdf';
    const post = await createPresignedPost(s3, {
      Bucket: platform.names.reportsBucket,
      Key: key,
      Conditions: [['content-length-range', 1, 1024], ['eq', '$Content-Type', 'application/pdf']],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: 60,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'report.pdf');
    const upload = await fetch(post.url, { method: 'POST', body: form });
    expect(upload.status).toBe(204);
    const items = await until('the upload to be recorded', async () => {
      const result = await dynamo.send(
        new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `UPLOAD#${platform.names.reportsBucket}/${key}` } }),
      );
      return result.Items?.length ? result.Items : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ objectKey: key, sizeBytes: 13 });
    s3.destroy();
  });
});

describe('scheduled functions', () => {
  it('runs a schedule as on a given date, and a second run publishes nothing new', async () => {
    const first = (await platform.invoke('check-calendar', { date: '2026-12-26' })) as { missingYears: number[]; notices: { published: boolean }[] };
    expect(first.missingYears).toEqual([2027]);
    expect(first.notices).toEqual([{ year: 2027, published: true }]);
    const second = (await platform.invoke('check-calendar', { date: '2026-12-27' })) as typeof first;
    expect(second.notices).toEqual([{ year: 2027, published: false }]);
    const outbox = readFileSync(platform.outboxFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(outbox.filter((m) => m.attributes.kind === 'calendar-year-missing')).toHaveLength(1);
  });
});

describe('sample events', () => {
  const eventsDir = new URL('../../events/', import.meta.url);
  // Cases must exist before they are answered: replay the workflow's tasks in the workflow's order.
  // Case ids are random: the samples name placeholder ids, replaced by the ids the samples created.
  const order = [
    'push-records', 'get-record', 'run-check', 'record-check-outcome', 'get-check', 'list-checks',
    // The checks are sequenced and their heads signed before the public heads and proofs are read.
    'sequence-usage-log', 'list-usage-logs', 'list-usage-log-heads', 'get-usage-log-consistency',
    'raise-objection', 'get-objection', 'list-objections', 'add-objection-evidence', 'open-case', 'await-case-answer', 'case-wait-elapsed',
    'mark-case-stuck', 'restart-case', 'answer-objection', 'apply-case-outcome', 'correct-record', 'list-subject-records',
    'request-repair', 'get-repair', 'list-repairs', 'decide-repair',
    // The sample agency is registered before its status changes; an upload is started before its state is read.
    'register-agency', 'update-agency', 'create-report-upload', 'get-report-upload',
    // A department is registered before the register is read; a list is submitted before its revision is exported.
    'register-department', 'list-departments', 'get-usage-list', 'submit-usage-list', 'export-usage-list', 'get-compliance', 'close-usage-period',
    // A report is made before its verification code is checked (the code is random: a placeholder in the sample).
    'get-credit-report', 'verify-credit-report',
    // An import is started before its state is read (its id is random: a placeholder in the sample).
    'create-import', 'get-import',
    // A system is registered (its id and secret are random: placeholders) before it gets a token, then rotated and revoked.
    'register-machine-client', 'list-machine-clients', 'issue-machine-token', 'rotate-machine-client-secret', 'revoke-machine-client',
    // The commitment the run-check sample took is listed, then found breached.
    'list-commitments', 'record-commitment-result',
    // A filing's document is posted to its presigned form before the filing is confirmed, listed and downloaded.
    'create-filing-upload', 'confirm-filing', 'list-filings', 'get-filing-status', 'get-filing-document',
    // A month's bulletin is drafted, written and published before it is read (the month before the test date's).
    'refresh-bulletin', 'edit-bulletin-text', 'publish-bulletin', 'list-bulletins', 'get-bulletin', 'get-bulletin-file', 'list-public-bulletins', 'get-public-bulletin-file', 'get-assessments', 'annotate-assessment',
  ];
  const placeholders = new Map<string, string>();
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : -1);

  it('has one sample event per declared function', () => {
    const files = readdirSync(eventsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(functions.map((f) => f.name).sort());
  });

  it.each([...functions].sort((a, b) => rank(a.name) - rank(b.name)).map((f) => f.name))('replays events/%s.json through the real handler', async (name) => {
    let text = readFileSync(new URL(`${name}.json`, eventsDir), 'utf8');
    for (const [placeholder, id] of placeholders) text = text.replaceAll(placeholder, id);
    // The samples name October 2026; the suite's month before is what has ended on its day.
    if (name.includes('bulletin') || name.includes('assessment')) text = text.replaceAll('2026-10', previousMonth);
    const event = JSON.parse(text);
    if (name === 'receive-upload' || name === 'ingest-report') event.Records[0].s3.bucket.name = platform.names.reportsBucket;
    const result = (await platform.invoke(name, { event })) as { statusCode?: number; body?: string };
    expect(result).toBeDefined();
    if (result.statusCode !== undefined) expect([200, 201, 202], JSON.stringify(result)).toContain(result.statusCode);
    const created = name === 'raise-objection' || name === 'request-repair' ? (JSON.parse(result.body!) as { case: { caseId: string } }).case.caseId : undefined;
    if (created) placeholders.set(name === 'raise-objection' ? 'obj_SAMPLEOBJECTION0000000' : 'rep_SAMPLEREPAIR0000000000', created);
    if (name === 'create-import') placeholders.set('imp_sampleSampleSample01', (JSON.parse(result.body!) as { importId: string }).importId);
    if (name === 'run-check') placeholders.set('rec_SAMPLECOMMITMENT000000', (JSON.parse(result.body!) as { commitment: { recordId: string } }).commitment.recordId);
    if (name === 'create-filing-upload') {
      const announced = JSON.parse(result.body!) as { uploadId: string; upload: { url: string; fields: Record<string, string> } };
      // A PDF of the size the sample announced (its presigned form admits that size only).
      const size = (JSON.parse(event.body) as { bytes: number }).bytes;
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 15, 0x20), Buffer.from('\n%%EOF')]);
      const form = new FormData();
      for (const [field, value] of Object.entries(announced.upload.fields)) form.append(field, value);
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'summary.pdf');
      expect((await fetch(announced.upload.url, { method: 'POST', body: form })).status).toBe(204);
      placeholders.set('fup_0123456789abcdef01234567', announced.uploadId);
    }
    if (name === 'register-machine-client') {
      const client = JSON.parse(result.body!) as { clientId: string; clientSecret: string };
      placeholders.set('mc_SAMPLECLIENT0000', client.clientId);
      placeholders.set('mcs_SAMPLESECRET', encodeURIComponent(client.clientSecret));
    }
    if (name === 'get-credit-report') placeholders.set('SAMPLE-REPORT-CODE', (result as { headers: Record<string, string> }).headers['x-report-verification-code']!);
  });
});

it('marks the running platform for the invoke CLI', async () => {
  expect(existsSync(join(platform.outboxFile, '..', '..', 'runtime.json'))).toBe(true);
});
