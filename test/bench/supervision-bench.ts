/**
 * The credit office's month (issue 17): D departments registered, each with its checks of the month before
 * written through the store (`logCheck`), then the month's assessment (`GET /assessments`), its bulletin drafted
 * (`POST /bulletins/{month}/refresh`: the month and its trend months read) and published (PDF and workbook
 * rendered and kept). Latencies, and DynamoDB requests per department (the reads are per department and fact,
 * never a scan: the figure stays flat as D grows).
 */
import { logCheck } from '../../shared/checks/check-store.ts';
import type { CheckLogEntry } from '../../shared/checks/check-log-entry.ts';
import { shiftMonth } from '../../shared/compliance/month-facts.ts';

export async function benchSupervision(args: {
  apiUrl: string;
  countyId: string;
  token: (role: 'creditOffice' | 'department', orgId: string) => Promise<string>;
  today: string;
  departments: number;
  checksEach: number;
  subjectId: string;
  countRequests: () => number;
  /** Moves the platform clock to a day of the next month, so that the month is over (last in the bench: the clock only moves forward). */
  toNextMonth: (day: string) => Promise<void>;
}) {
  const office = await args.token('creditOffice', 'credit-office');
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${args.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await answer.json()) as Record<string, any>;
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(json)}`);
    return json;
  };
  // The bench's month: its departments registered and its checks logged today, then the clock moved past its end.
  const month = args.today.slice(0, 7);
  const day = args.today;
  for (let d = 0; d < args.departments; d += 1) {
    const orgId = `dept-bench-sup-${d}`;
    await call('POST', '/departments', { orgId, name: `基准监督局${d}` }).catch(() => undefined);
    for (let i = 0; i < args.checksEach; i += 1) {
      const entry: CheckLogEntry = {
        checkId: `chk_BENCHSUP${String(d).padStart(4, '0')}${String(i).padStart(9, '0')}`,
        checkedAt: new Date(Date.parse(`${day}T00:00:00+08:00`) + i * 1000).toISOString(),
        checkedOn: day,
        departmentOrgId: orgId,
        userId: 'bench-user',
        subject: { id: args.subjectId, type: 'uscc', name: '基准测试公司', known: true },
        matter: { type: 'procurement', typeName: '政府采购', reference: `BENCH-SUP-${d}-${i}`, name: '基准采购' },
        records: [],
        lists: { redListed: false, blackListed: false, dishonestDebtor: false },
        measures: [],
        reports: [],
        outcome: null,
      };
      await logCheck(entry, args.countyId);
    }
  }
  await args.toNextMonth(`${shiftMonth(month, 1)}-10`);
  const timed = async (f: () => Promise<unknown>) => {
    const before = args.countRequests();
    const t = performance.now();
    await f();
    return { ms: performance.now() - t, requests: args.countRequests() - before };
  };
  let assessed = 0;
  const assessment = await timed(async () => (assessed = ((await call('GET', `/assessments?month=${month}`)).departments as unknown[]).length));
  const draft = await timed(() => call('POST', `/bulletins/${month}/refresh`, {}));
  const version = (await call('GET', `/bulletins/${month}`)).version as number;
  const publish = await timed(() => call('POST', `/bulletins/${month}/publish`, { version }));
  const pdfT = performance.now();
  const pdf = await fetch(`${args.apiUrl}/bulletins/${month}/file?format=pdf`, { headers: { authorization: `Bearer ${office}` } });
  const pdfBytes = (await pdf.arrayBuffer()).byteLength;
  const downloadMs = performance.now() - pdfT;
  return { month, assessed, assessment, draft, publish, pdfBytes, downloadMs };
}
