/**
 * `npm run bench`: figures for the foundation, printed (never asserted).
 * - pure domain: working-day arithmetic per second
 * - local platform: cold start, HTTP latency through gateway + handler, S3 upload-to-record latency,
 *   workflow start → token → answered → SUCCEEDED, and the memory of the processes involved.
 * - the overdue scan over 100,000 records with a few dozen due: items read per item due
 *   (`BENCH_OVERDUE_RECORDS=5000 npm run bench` for a quick run).
 * - the usage log (usage-log-bench.ts): appends the chain's way and the tree's at 8 concurrent clients, a log of
 *   1,000,000 entries (`BENCH_LOG_ENTRIES`) generated into DynamoDB Local, and receipts with proofs on it.
 * - function bundles (bundles-bench.ts): every function built as the stack builds it, its minified size
 *   and module init time against a hello-world bundle, with the goals (≤ 250 KB, ≤ 1.5× hello) ok/over;
 *   `npx tsx test/bench/bundles-bench.ts [--quick]` runs this section alone.
 * - a 行政处罚 spreadsheet of 100,000 rows imported end to end (import-bench.ts; BENCH_IMPORT_ROWS to change it),
 *   rows per second against the same bare BatchWriteItem rate, and the peak memory while it runs.
 * - records ingest against the emulator's bare BatchWriteItem rate, checks against its bare Query + PutItem,
 *   and DynamoDB requests per check, sequential and at 8 concurrent clients of one department: ratios in
 *   the same run, so a slower machine changes the figures, not the comparison.
 *
 * `npm run bench -- --quick` (or BENCH_QUICK=1) runs every section with small sizes: CI runs it so the
 * bench cannot rot. The local gateway's throttle is raised above what the bench sends (the county's own
 * throttle is tested in test/integration/throttling.test.ts): the bench measures the platform, not a 429.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addWorkingDays, workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { keys } from '../../shared/storage/keys.ts';
import { demoMachineClient } from '../../local/demo/demo-machine-client.ts';
import { startLocalPlatform } from '../../local/platform.ts';
import { dynamo as handlersDynamo } from '../../shared/storage/dynamo-client.ts';
import { demoSubjects } from '../../local/demo/demo-records.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { benchOverdueScan } from './overdue-scan-bench.ts';
import { benchUsageLog } from './usage-log-bench.ts';
import { benchBundles } from './bundles-bench.ts';
import { benchImport } from './import-bench.ts';
import { benchSupervision } from './supervision-bench.ts';

const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
/** A size: the full one, or the quick one for CI. */
const size = (full: number, small: number) => (quick ? small : full);
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
const n = size(20_000, 2_000);
for (let i = 0; i < n; i += 1) addWorkingDays(`2026-${String((i % 12) + 1).padStart(2, '0')}-10`, 20, calendar);
row('addWorkingDays(…, 20) on the national calendar', `${Math.round(n / ((performance.now() - t) / 1000)).toLocaleString()} /s`);

// Function bundles, built as the stack builds them: sizes, and module init against a hello-world bundle.
const county = loadCounty('jiaxian');
await benchBundles({ county, runs: size(9, 3), row });

// Local platform
t = performance.now();
const benchThrottle = { rateLimit: 1_000_000, burstLimit: 1_000_000 };
const originalWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write; // silence handler logs (the demo data's too) while measuring
const platform = await startLocalPlatform({ county, dataDir: mkdtempSync(join(tmpdir(), 'bench-')), port: 0, fresh: true, demo: true, throttle: benchThrottle, log: () => undefined });
process.stdout.write = originalWrite;
row('local platform cold start (emulators, synth, tables, demo data)', ms(performance.now() - t));
process.stdout.write = (() => true) as typeof process.stdout.write;
try {
  const token = await platform.token('department', 'dept-finance');
  for (const [path, headers] of [
    ['/public/county', {}],
    ['/me', { authorization: `Bearer ${token}` }],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < size(300, 60); i += 1) {
      const s = performance.now();
      const r = await fetch(`${platform.apiUrl}${path}`, { headers });
      await r.arrayBuffer();
      times.push(performance.now() - s);
    }
    const steady = times.slice(20);
    process.stdout.write = originalWrite;
    row(`GET ${path} (gateway + JWT + handler), ${steady.length} sequential`, `p50 ${ms(percentile(steady, 50))}, p95 ${ms(percentile(steady, 95))}`);
    process.stdout.write = (() => true) as typeof process.stdout.write;
  }

  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! };
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION, credentials }));
  const s3 = new S3Client({ endpoint: platform.endpoints.s3, region: process.env.AWS_REGION, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const uploads: number[] = [];
  for (let i = 0; i < size(30, 5); i += 1) {
    const key = `uploads/bench/report ${i}.pdf`;
    const s = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: platform.names.reportsBucket, Key: key, Body: Buffer.alloc(64 * 1024, 1), ContentType: 'application/pdf' }));
    await poll(async () => {
      const r = await dynamo.send(new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `UPLOAD#${platform.names.reportsBucket}/${key}` } }));
      return r.Items?.length ? true : undefined;
    });
    uploads.push(performance.now() - s);
  }

  // An objection end to end: raised (case stored, record marked, execution started), the provider told and
  // the token stored, answered (upheld), applied and the subject told: the case closed.
  const flows: number[] = [];
  const benchAuthority = `11${county.divisionCode}MB0000000`;
  const today = localDate(platform.clock.now(), county.timeZone);
  for (let i = 0; i < size(20, 4); i += 1) {
    const first17 = `91${county.divisionCode}MF${String(i).padStart(7, '0')}`;
    const code = first17 + usccCheckCharacter(first17);
    const auth = async (role: 'department' | 'subject', org: string) => ({ authorization: `Bearer ${await platform.token(role, org)}`, 'content-type': 'application/json' });
    const pushed = await fetch(`${platform.apiUrl}/records`, {
      method: 'POST',
      headers: await auth('department', 'dept-tax'),
      body: JSON.stringify({
        kind: 'blackList',
        subject: { name: `基准企业${i}`, category: 'legalPerson', uscc: code, legalRepresentative: '王五' },
        decisionNumber: `基准黑〔2026〕${i}号`,
        decisionDate: addDays(today, -3),
        authority: { name: '税务局', uscc: benchAuthority + usccCheckCharacter(benchAuthority) },
        sourceDepartment: '税务局',
        listName: 'major-tax-violation',
        listingBasis: '重大税收违法失信案件当事人名单',
        listedUntil: addDays(today, 700),
      }),
    });
    const { recordId } = (await pushed.json()) as { recordId: string };
    const s = performance.now();
    const raised = (await (await fetch(`${platform.apiUrl}/objections`, { method: 'POST', headers: await auth('subject', code), body: JSON.stringify({ recordId, reason: 'bench' }) })).json()) as { case: { caseId: string } };
    const caseId = raised.case.caseId;
    await poll(async () => (await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId) }))).Item?.taskToken as string | undefined);
    await fetch(`${platform.apiUrl}/objections/${caseId}/verification`, { method: 'POST', headers: await auth('department', 'dept-tax'), body: JSON.stringify({ outcome: 'upheld', reasoning: 'bench' }) });
    await poll(async () => ((await dynamo.send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(caseId) }))).Item?.state === 'closed' ? true : undefined));
    flows.push(performance.now() - s);
  }
  process.stdout.write = originalWrite;
  row(`S3 PutObject 64 KiB → event → handler → DynamoDB item, ${uploads.length}`, `p50 ${ms(percentile(uploads, 50))}, p95 ${ms(percentile(uploads, 95))}`);
  row(`objection raised → provider waiting → answered → closed, ${flows.length}`, `p50 ${ms(percentile(flows, 50))}, p95 ${ms(percentile(flows, 95))}`);

  // Records and checks (issue 3)
  let handlerRequests = 0;
  handlersDynamo.middlewareStack.add((next) => async (args) => ((handlerRequests += 1), next(args)), { step: 'initialize', name: 'benchCounter' });
  const dept = await platform.token('department', 'dept-finance');
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${platform.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${dept}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await r.json();
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const code = (n: number) => { const b = `91410425MB${String(n).padStart(7, '0')}`; return b + usccCheckCharacter(b); };
  const penalty = (n: number, i: number) => ({
    kind: 'penalty', subject: { name: `基准测试公司${n}`, category: 'legalPerson', uscc: code(n) }, decisionNumber: `基准罚〔2026〕${n}-${i}号`, decisionDate: addDays(today, -2),
    authority: { name: '郏县市场监督管理局', uscc: code(0) }, sourceDepartment: '郏县市场监督管理局', violationType: '测试', facts: '测试事实', legalBasis: '测试依据',
    penaltyCategories: ['fine'], penaltyContent: '罚款', fineAmountYuan: 100,
  });
  const singles = size(100, 20);
  let s0 = performance.now();
  for (let i = 0; i < singles; i += 1) await post('/records', penalty(i % 20 + 1, i));
  const singleRate = singles / ((performance.now() - s0) / 1000);
  s0 = performance.now();
  const batches = size(4, 1);
  const perBatch = size(500, 100);
  for (let b = 0; b < batches; b += 1) await post('/records', { records: Array.from({ length: perBatch }, (_, i) => penalty((i % 50) + 100, b * 1000 + i)) });
  const batchRate = (batches * perBatch) / ((performance.now() - s0) / 1000);
  // The emulator's own BatchWriteItem rate for items of about a stored record's size, 25 a request.
  const bareItems = size(2_000, 400);
  const filler = 'x'.repeat(1_500);
  s0 = performance.now();
  for (let b = 0; b < bareItems / 25; b += 1)
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [platform.names.creditTable]: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: `BENCHBATCH#${b}-${i}`, sk: 'ITEM', filler } } })) } }));
  const bareBatchRate = bareItems / ((performance.now() - s0) / 1000);

  // A 行政处罚 spreadsheet ingested end to end (issue 15 §5), against the same bare BatchWriteItem rate.
  const ingest = await benchImport({ platform, s3, bucket: platform.names.reportsBucket, divisionCode: county.divisionCode, today, rows: Number(process.env.BENCH_IMPORT_ROWS ?? size(100_000, 2_000)), department: 'dept-bench-import' });

  const subjects = demoSubjects(county).map((s) => s.uscc ?? s.residentId!);
  const checkTimes: number[] = [];
  handlerRequests = 0;
  const checks = size(400, 80);
  const concurrency = 8;
  let issued = 0;
  s0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < checks) {
      const i = issued++;
      const t0 = performance.now();
      await post('/checks', { subjectId: subjects[i % subjects.length], matter: { type: 'procurement', reference: `BENCH-${i}`, name: '基准采购' } });
      checkTimes.push(performance.now() - t0);
    }
  }));
  const checkRate = checks / ((performance.now() - s0) / 1000);
  const requestsPerCheck = handlerRequests / checks;

  // The emulator's own floor: one (strongly consistent, as a check's) Query of a subject partition and one PutItem, sequential, same run.
  const bare: number[] = [];
  for (let i = 0; i < size(200, 40); i += 1) {
    const t0 = performance.now();
    await dynamo.send(new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SUBJECT#${subjects[i % subjects.length]}` }, ConsistentRead: true }));
    await dynamo.send(new PutCommand({ TableName: platform.names.usageTable, Item: { pk: `BENCH#${i}`, sk: 'CHECK', at: new Date().toISOString() } }));
    bare.push(performance.now() - t0);
  }
  // The same floor at 8 concurrent clients: what the emulator itself does under that load (the checks' p99 compares to it).
  const bareConcurrent: number[] = [];
  let bareIssued = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (bareIssued < size(200, 40)) {
      const i = bareIssued++;
      const t0 = performance.now();
      await dynamo.send(new QueryCommand({ TableName: platform.names.creditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SUBJECT#${subjects[i % subjects.length]}` }, ConsistentRead: true }));
      await dynamo.send(new PutCommand({ TableName: platform.names.usageTable, Item: { pk: `BENCHC#${i}`, sk: 'CHECK', at: new Date().toISOString() } }));
      bareConcurrent.push(performance.now() - t0);
    }
  }));
  // Sequential checks for a latency comparable to the bare floor.
  const sequential: number[] = [];
  handlerRequests = 0;
  for (let i = 0; i < size(100, 30); i += 1) {
    const t0 = performance.now();
    await post('/checks', { subjectId: subjects[i % subjects.length], matter: { type: 'procurement', reference: `SEQ-${i}`, name: '基准采购' } });
    sequential.push(performance.now() - t0);
  }
  const requestsPerSequentialCheck = handlerRequests / sequential.length;

  // Machine clients and batch checks (issue 16): the demo system's token, then a tender's bidders in one batch.
  process.stdout.write = (() => true) as typeof process.stdout.write; // the token endpoint logs each token issued
  const tokenTimes: number[] = [];
  let machineToken = '';
  for (let i = 0; i < size(50, 10); i += 1) {
    const t0 = performance.now();
    const r = await fetch(`${platform.machineApiUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${demoMachineClient.clientId}&client_secret=${demoMachineClient.clientSecret}` });
    machineToken = ((await r.json()) as { access_token: string }).access_token;
    tokenTimes.push(performance.now() - t0);
  }
  const batchSize = size(200, 50);
  handlerRequests = 0;
  const tb = performance.now();
  const batchAnswer = await fetch(`${platform.machineApiUrl}/checks/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${machineToken}`, 'content-type': 'application/json', 'idempotency-key': 'bench-tender' },
    body: JSON.stringify({ matter: { type: 'bidding', reference: 'BENCH-TENDER', name: '基准招标' }, subjects: Array.from({ length: batchSize }, (_, i) => ({ subjectId: code(1000 + i) })) }),
  });
  const batchBody = (await batchAnswer.json()) as { succeeded: number };
  const batchMs = performance.now() - tb;
  const requestsPerBatchItem = handlerRequests / batchSize;
  process.stdout.write = originalWrite;
  row(`POST /oauth2/token, client credentials, sequential (${tokenTimes.length})`, `p50 ${ms(percentile(tokenTimes, 50))}`);
  row(`POST /checks/batch on the machine API, ${batchSize} subjects (${batchBody.succeeded} checked)`, `${(batchMs / 1000).toFixed(2)} s, ${ms(batchMs / batchSize)} per subject`);
  row('batch: per subject / sequential check p50', `${(batchMs / batchSize / percentile(sequential, 50)).toFixed(2)}×, ${requestsPerBatchItem.toFixed(2)} DynamoDB requests per subject`);
  row(`POST /records, single, sequential (${singles})`, `${singleRate.toFixed(0)} records/s`);
  row(`POST /records, batches of ${perBatch} (${batches})`, `${batchRate.toFixed(0)} records/s`);
  row(`emulator floor: bare BatchWriteItem, 25 a request (${bareItems})`, `${bareBatchRate.toFixed(0)} items/s`);
  row('records ingest / bare BatchWriteItem rate', `${((batchRate / bareBatchRate) * 100).toFixed(0)} %`);
  row(`import: ${ingest.rows.toLocaleString()}-row 行政处罚 CSV (${ingest.megabytes.toFixed(1)} MB), end to end`, `${(ingest.seconds).toFixed(1)} s, ${ingest.rowsPerSecond.toFixed(0)} rows/s, ${ingest.state}: ${ingest.created} new, ${ingest.refused} refused, ${ingest.invocations} invocations`);
  row('import rows/s / bare BatchWriteItem rate', `${((ingest.rowsPerSecond / bareBatchRate) * 100).toFixed(0)} %`);
  row('import: peak heap / RSS over baseline (handlers and S3 emulator in this process)', `${ingest.heapPeakMiB.toFixed(0)} MiB / ${ingest.rssPeakMiB.toFixed(0)} MiB`);
  row('import: live heap after full GC, peak over baseline', ingest.liveHeapPeakMiB === undefined ? 'run with --expose-gc' : `${ingest.liveHeapPeakMiB.toFixed(0)} MiB`);
  row(`POST /checks, ${concurrency} concurrent clients of one department (${checks})`, `${checkRate.toFixed(0)} checks/s, p50 ${ms(percentile(checkTimes, 50))}, p99 ${ms(percentile(checkTimes, 99))}`);
  row(`POST /checks, sequential (${sequential.length})`, `p50 ${ms(percentile(sequential, 50))}, p99 ${ms(percentile(sequential, 99))}`);
  row(`emulator floor: bare Query + PutItem, sequential (${bare.length})`, `p50 ${ms(percentile(bare, 50))}, p99 ${ms(percentile(bare, 99))}`);
  row('check p50 / bare floor p50', `${(percentile(sequential, 50) / percentile(bare, 50)).toFixed(2)}×`);
  row('check p99 / bare floor p99', `${(percentile(sequential, 99) / percentile(bare, 99)).toFixed(2)}×`);
  row(`emulator floor at ${concurrency} concurrent clients (${bareConcurrent.length})`, `p50 ${ms(percentile(bareConcurrent, 50))}, p99 ${ms(percentile(bareConcurrent, 99))}`);
  row(`check p99 at ${concurrency} clients / the floor's p99 at ${concurrency}`, `${(percentile(checkTimes, 99) / percentile(bareConcurrent, 99)).toFixed(2)}× (sequential: ${(percentile(sequential, 99) / percentile(bare, 99)).toFixed(2)}×)`);
  row('DynamoDB requests per check, sequential', requestsPerSequentialCheck.toFixed(2));
  row(`DynamoDB requests per check, ${concurrency} concurrent clients`, requestsPerCheck.toFixed(2));

  // The usage log (issue 19): the chain's appends against the tree's, a log of N entries and receipts on it.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const log = await benchUsageLog({
    dynamo,
    table: platform.names.usageTable,
    s3,
    bucket: platform.names.reportsBucket,
    apiUrl: platform.apiUrl,
    token: platform.token,
    invoke: (name) => platform.invoke(name),
    countRequests: () => handlerRequests,
    subjectId: subjects[0]!,
    logEntries: Number(process.env.BENCH_LOG_ENTRIES ?? size(1_000_000, 5_000)),
    appends: Number(process.env.BENCH_CHAIN_ENTRIES ?? size(2_000, 200)),
    now: () => platform.clock.now(),
  });
  process.stdout.write = originalWrite;
  row(`usage log appends, ${log.appends} each way, 8 concurrent clients of one department`, '');
  row('  the chain (read last link + transaction)', `p50 ${ms(log.chain.p50)}, p99 ${ms(log.chain.p99)}, ${log.chain.perSecond.toFixed(0)}/s, ${log.chain.requestsPerEntry.toFixed(2)} requests each`);
  row('  the tree (one PutItem; sequenced later)', `p50 ${ms(log.tree.p50)}, p99 ${ms(log.tree.p99)}, ${log.tree.perSecond.toFixed(0)}/s, ${log.tree.requestsPerEntry.toFixed(2)} requests each`);
  row('  chain p99 / tree p99', `${(log.chain.p99 / log.tree.p99).toFixed(2)}×`);
  row(`  the chain's receipt: reading its ${log.links.toLocaleString()} links alone`, ms(log.chainReceiptReadMs));
  row(`usage log of ${log.logEntries.toLocaleString()} entries generated (as the sequencer and retention leave it)`, `${(log.generateMs / 1000).toFixed(1)} s`);
  row('  in DynamoDB Local / whole blocks of 65,536 in S3', `${log.tableItems.toLocaleString()} subtrees / ${log.archivedBlocks} blocks`);
  row('  sequencer run: 5 checks on top (and the bench\'s other checks), heads signed', ms(log.sequenceMs));
  row(`  GET /checks/{id}/receipt at n = ${log.treeSize.toLocaleString()} (5)`, `p50 ${ms(percentile(log.receiptTimes, 50))}, max ${ms(Math.max(...log.receiptTimes))}${log.verified ? '' : ' (NOT VERIFIED)'}`);
  row('  subtrees in the proof / bound 2·log2(n)', `${log.subtreesRead} / ${log.bound}`);
  row('  DynamoDB requests per receipt', `${Math.max(...log.receiptRequests)}`);
  row(`  proof of an old entry (leaf ${log.oldIndex.toLocaleString()}${log.archivedBlocks ? ', its block in S3' : ''})`, `${ms(log.oldProofMs)}, ${log.oldSubtrees} subtrees${log.oldProven ? '' : ' (NOT VERIFIED)'}`);
  row('  check p99 at 8 clients / sequential p99', `${(percentile(checkTimes, 99) / percentile(sequential, 99)).toFixed(2)}×`);

  // The overdue scan (issue 6): N record copies written directly (BENCH_OVERDUE_RECORDS, 100,000 by default),
  // a few dozen of them due as of the scan day, and a few reports expiring; one scan, through the indexes.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const overdue = await benchOverdueScan({ dynamo, tableName: platform.names.creditTable, invoke: platform.invoke, county, records: Number(process.env.BENCH_OVERDUE_RECORDS ?? size(100_000, 3_000)) });
  process.stdout.write = originalWrite;
  row(`overdue scan: ${overdue.records.toLocaleString()} records written (BatchWriteItem)`, `${(overdue.writeMs / 1000).toFixed(1)} s`);
  row(`overdue scan: one run, ${overdue.due} items due, ${overdue.published} notices`, ms(overdue.scanMs));
  row('overdue scan: items read per item due', `${(overdue.read / overdue.due).toFixed(2)} (${overdue.read} read)`);
  for (const s of overdue.sources) row(`  ${s.source}`, `${s.itemsRead} read, ${s.itemsDue} due, ${s.noticesPublished} published`);
  process.stdout.write = (() => true) as typeof process.stdout.write;

  // The exchange (issue 18): every change of the bench's records (the demo county delivers to its two demo
  // destinations: the city by signed HTTPS to the local receiving endpoint, the province by daily files) handed on
  // and delivered by minutely runs, as many as it takes; DynamoDB requests per delivery, time per delivery.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const exchangeBefore = handlerRequests;
  const exchangeStart = performance.now();
  let delivered = 0;
  let handedOn = 0;
  let runs = 0;
  for (;;) {
    const run = (await platform.invoke('dispatch-exchange')) as { delivered: number; changesHandedOn: number };
    runs += 1;
    delivered += run.delivered;
    handedOn += run.changesHandedOn;
    if (run.delivered === 0 && run.changesHandedOn === 0) break;
  }
  const exchangeMs = performance.now() - exchangeStart;
  const exchangeRequests = handlerRequests - exchangeBefore;
  process.stdout.write = originalWrite;
  row(`exchange: ${handedOn.toLocaleString()} changes handed on, ${delivered.toLocaleString()} signed HTTPS deliveries, ${runs} runs`, `${(exchangeMs / 1000).toFixed(1)} s (${ms(exchangeMs / Math.max(1, delivered))} per delivery)`);
  row('  DynamoDB requests per delivery (queue, send, mark, promote)', (exchangeRequests / Math.max(1, delivered)).toFixed(2));
  row('  per delivery / bare Query + PutItem p50', `${(exchangeMs / Math.max(1, delivered) / percentile(bare, 50)).toFixed(2)}×`);

  // The credit office's month (issue 17): the assessment, the bulletin drafted and published, per department.
  // Last of the sections: it moves the platform clock past the month's end.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const supervisionDepartments = size(40, 8);
  const supervision = await benchSupervision({ countyId: county.id, apiUrl: platform.apiUrl, token: platform.token, today, departments: supervisionDepartments, checksEach: size(50, 5), subjectId: subjects[0]!, countRequests: () => handlerRequests, toNextMonth: (day) => platform.clock.set(`${day}T09:00:00+08:00`) });
  process.stdout.write = originalWrite;
  const registered = Math.max(1, supervision.assessed); // the demo county's departments too
  row(`GET /assessments, ${supervision.month}, ${registered} departments`, `${ms(supervision.assessment.ms)}, ${(supervision.assessment.requests / registered).toFixed(1)} DynamoDB requests per department`);
  row('  assessment / bare Query + PutItem p50, per department', `${(supervision.assessment.ms / registered / percentile(bare, 50)).toFixed(2)}×`);
  row('POST /bulletins/{month}/refresh: drafted (month and 5 trend months read)', `${ms(supervision.draft.ms)}, ${supervision.draft.requests} DynamoDB requests`);
  row('POST /bulletins/{month}/publish: PDF and XLSX rendered and kept', `${ms(supervision.publish.ms)}; PDF ${(supervision.pdfBytes / 1024).toFixed(0)} KB, downloaded in ${ms(supervision.downloadMs)}`);

  process.stdout.write = (() => true) as typeof process.stdout.write;
  const rss = (pid: number) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]).toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  row('bench gateway throttle (the county\'s own is tested in throttling.test.ts)', `${benchThrottle.rateLimit.toLocaleString()}/s, burst ${benchThrottle.burstLimit.toLocaleString()}; county ${county.api.throttle.rateLimit}/s, burst ${county.api.throttle.burstLimit}`);
  row('RSS: this process (gateway, handlers, Step Functions)', `${rss(process.pid).toFixed(0)} MiB`);
  for (const [pid, comm] of children) if (pid && comm !== 'ps') row(`RSS: child ${comm} (${pid})`, `${rss(Number(pid)).toFixed(0)} MiB`);
  dynamo.destroy();
  s3.destroy();
} finally {
  process.stdout.write = originalWrite;
  await platform.stop();
}
