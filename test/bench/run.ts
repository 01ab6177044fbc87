/**
 * `npm run bench`: figures for the foundation, printed (never asserted).
 * - pure domain: working-day arithmetic per second
 * - local platform: cold start, HTTP latency through gateway + handler, S3 upload-to-record latency,
 *   workflow start → token → answered → SUCCEEDED, and the memory of the processes involved.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { addWorkingDays, workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { keys } from '../../shared/storage/keys.ts';
import { startLocalPlatform } from '../../infra/local/platform.ts';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const row = (what: string, figure: string) => console.log(`${what.padEnd(58)} ${figure}`);

async function poll<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Pure domain
const calendar = workingDayCalendar({ holidays: [], workdays: [], completeYears: [] });
let t = performance.now();
const n = 20_000;
for (let i = 0; i < n; i += 1) addWorkingDays(`2026-${String((i % 12) + 1).padStart(2, '0')}-10`, 20, calendar);
row('addWorkingDays(…, 20) on the national calendar', `${Math.round(n / ((performance.now() - t) / 1000)).toLocaleString()} /s`);

// Local platform
const county = loadCounty('jiaxian');
t = performance.now();
const platform = await startLocalPlatform({ county, dataDir: mkdtempSync(join(tmpdir(), 'bench-')), port: 0, fresh: true, demo: false, log: () => undefined });
row('local platform cold start (emulators, synth, tables)', ms(performance.now() - t));
const originalWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write; // silence handler logs while measuring
try {
  const token = await platform.token('department', 'dept-finance');
  for (const [path, headers] of [
    ['/public/county', {}],
    ['/me', { authorization: `Bearer ${token}` }],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const s = performance.now();
      const r = await fetch(`${platform.apiUrl}${path}`, { headers });
      await r.arrayBuffer();
      times.push(performance.now() - s);
    }
    const steady = times.slice(20);
    process.stdout.write = originalWrite;
    row(`GET ${path} (gateway + JWT + handler), 280 sequential`, `p50 ${ms(percentile(steady, 50))}, p95 ${ms(percentile(steady, 95))}`);
    process.stdout.write = (() => true) as typeof process.stdout.write;
  }

  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! };
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION, credentials }));
  const s3 = new S3Client({ endpoint: platform.endpoints.s3, region: process.env.AWS_REGION, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const uploads: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const key = `uploads/bench/report ${i}.pdf`;
    const s = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: platform.names.reportsBucket, Key: key, Body: Buffer.alloc(64 * 1024, 1), ContentType: 'application/pdf' }));
    await poll(async () => {
      const r = await dynamo.send(new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `UPLOAD#${platform.names.reportsBucket}/${key}` } }));
      return r.Items?.length ? true : undefined;
    });
    uploads.push(performance.now() - s);
  }

  const sfn = new SFNClient({ endpoint: platform.endpoints.stepfunctions, region: process.env.AWS_REGION, credentials });
  const flows: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const caseId = `bench-${i}`;
    const s = performance.now();
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: platform.names.workflowArns.verification, name: caseId, input: JSON.stringify({ caseId, recordId: 'r', providerOrgId: 'd', noticeDate: '2026-11-23' }) }),
    );
    const item = await poll(async () => (await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId) }))).Item?.taskToken as string | undefined);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: item, output: JSON.stringify({ outcome: 'upheld', reasoning: 'bench' }) }));
    await poll(async () => ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'SUCCEEDED' ? true : undefined));
    flows.push(performance.now() - s);
  }
  process.stdout.write = originalWrite;
  row('S3 PutObject 64 KiB → event → handler → DynamoDB item, 30', `p50 ${ms(percentile(uploads, 50))}, p95 ${ms(percentile(uploads, 95))}`);
  row('workflow start → token stored → answered → SUCCEEDED, 20', `p50 ${ms(percentile(flows, 50))}, p95 ${ms(percentile(flows, 95))}`);

  const rss = (pid: number) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]).toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  row('RSS: this process (gateway, handlers, Step Functions)', `${rss(process.pid).toFixed(0)} MiB`);
  for (const [pid, comm] of children) if (pid && comm !== 'ps') row(`RSS: child ${comm} (${pid})`, `${rss(Number(pid)).toFixed(0)} MiB`);
  dynamo.destroy();
  s3.destroy();
  sfn.destroy();
} finally {
  process.stdout.write = originalWrite;
  await platform.stop();
}
