import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LocalPlatform } from '../../local/platform.ts';
import { penaltyCsv, penaltyRow } from '../support/import-files.ts';

/**
 * A 行政处罚 file of `rows` rows ingested end to end on the local platform (issue 15 §5): POST /imports, the file
 * put to the import's key (the event starts the ingest, which hands on between invocations as a large file
 * does), until the job is done with every row counted. Rows per second, and the heap and RSS of this process
 * (where the local handlers run, and the S3 emulator) sampled every 50 ms: their peak over the baseline; and,
 * when the bench runs with --expose-gc (npm run bench does), the live heap after a full collection, every
 * second: what the ingest holds, as against garbage not yet collected, to show it does not grow with the file.
 */
export async function benchImport(args: { platform: LocalPlatform; s3: S3Client; bucket: string; divisionCode: string; today: string; rows: number; department: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const path = join(dir, 'penalty.csv');
  // Written in slices: the file itself is never held whole in memory.
  writeFileSync(path, '');
  const slice = 5_000;
  for (let from = 0; from < args.rows; from += slice) {
    const rows = Array.from({ length: Math.min(slice, args.rows - from) }, (_, i) => penaltyRow({ divisionCode: args.divisionCode, today: args.today, n: from + i + 1, prefix: '基准导入' }));
    const csv = penaltyCsv(rows);
    writeFileSync(path, from === 0 ? csv : csv.slice(csv.indexOf('\r\n') + 2), { flag: 'a' });
  }
  const bytes = statSync(path).size;
  const token = await args.platform.token('department', args.department);
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${args.platform.apiUrl}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await response.json()) as any;
  };
  const started = await api('POST', '/imports', { kind: 'penalty', fileName: 'bench.csv' });

  global.gc?.();
  const baseline = { heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
  const peak = { ...baseline, live: baseline.heap };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.rss = Math.max(peak.rss, m.rss);
  }, 50);
  const liveSampler = setInterval(() => {
    if (!global.gc) return;
    global.gc();
    peak.live = Math.max(peak.live, process.memoryUsage().heapUsed);
  }, 1000);
  const t0 = performance.now();
  await args.s3.send(new PutObjectCommand({ Bucket: args.bucket, Key: started.key, Body: createReadStream(path), ContentLength: bytes, ContentType: 'text/csv' }));
  let state: any;
  for (;;) {
    state = await api('GET', `/imports/${started.importId}`);
    if (state.state === 'done' || state.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  clearInterval(liveSampler);
  rmSync(dir, { recursive: true, force: true });
  return {
    rows: args.rows,
    megabytes: bytes / 1024 / 1024,
    seconds,
    rowsPerSecond: state.rowsRead / seconds,
    state: state.state as string,
    created: state.created as number,
    refused: state.refused as number,
    invocations: state.invocations as number,
    heapPeakMiB: (peak.heap - baseline.heap) / 1024 / 1024,
    rssPeakMiB: (peak.rss - baseline.rss) / 1024 / 1024,
    liveHeapPeakMiB: global.gc ? (peak.live - baseline.heap) / 1024 / 1024 : undefined,
  };
}
