/**
 * `npm run test:dates`: the date-sensitive suites (test/dates.json `suites`) once per date of the matrix
 * (test/dates.json `dates`), each run with TEST_DATE set, so the scenarios and the platform clock start on
 * that day. Prints one line per date and exits non-zero if any date failed.
 * `npm run test:dates -- 2026-12-31 2027-06-15` runs only those dates.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const matrix = JSON.parse(readFileSync(new URL('./dates.json', import.meta.url), 'utf8')) as { dates: { date: string; why: string }[]; suites: string[] };
const asked = process.argv.slice(2).filter((a) => /^\d{4}-\d{2}-\d{2}$/.test(a));
const dates = asked.length ? asked.map((date) => matrix.dates.find((d) => d.date === date) ?? { date, why: 'asked on the command line' }) : matrix.dates;

const failed: string[] = [];
for (const { date, why } of dates) {
  const started = Date.now();
  console.log(`\n=== TEST_DATE=${date} (${why})`);
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...matrix.suites], { stdio: ['ignore', 'inherit', 'inherit'], env: { POWERTOOLS_LOG_LEVEL: 'WARN', ...process.env, TEST_DATE: date } });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) failed.push(date);
  console.log(`=== ${date}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
}
console.log(`\nDate matrix: ${dates.length - failed.length} of ${dates.length} dates passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
