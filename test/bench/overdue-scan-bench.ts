/**
 * The overdue scan against a large table (`npm run bench`): record current copies written directly with
 * BatchWriteItem, as the record store writes them (the record builder and `currentCopy`: every index key),
 * most of them due long after the scan day, a few dozen due on it; then one scan as of that day.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { OverdueScanResult } from '../../shared/compliance/overdue/overdue-scan.ts';
import { recordInput } from '../../shared/records/record-input.ts';
import { currentCopy } from '../../shared/records/record-store.ts';
import { buildRecordVersion } from '../../shared/records/stored-record.ts';
import { protectForTest } from '../support/protected-input.ts';
import { reportItems } from '../../shared/reports/report-store.ts';
import type { StoredReport } from '../../shared/reports/report-rules.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const departments = ['dept-market', 'dept-tax', 'dept-housing', 'dept-finance'];
const departmentNames: Record<string, string> = { 'dept-market': '市场监督管理局', 'dept-tax': '税务局', 'dept-housing': '住房和城乡建设局', 'dept-finance': '财政局' };

export async function benchOverdueScan(args: {
  dynamo: DynamoDBDocumentClient;
  tableName: string;
  invoke: (name: string, options?: { date?: string }) => Promise<unknown>;
  county: CountyConfig;
  records: number;
}) {
  const { county } = args;
  const calendar = workingDayCalendar(county.calendar);
  const day = localDate(new Date(), county.timeZone);
  const codes = new Map<number, string>();
  const code = (n: number) => {
    let c = codes.get(n);
    if (!c) {
      const first17 = `91${county.divisionCode}MH${String(n).padStart(7, '0')}`;
      codes.set(n, (c = first17 + usccCheckCharacter(first17)));
    }
    return c;
  };
  const authority = { name: `${county.name}人民政府`, uscc: code(9_999_999) };

  /** One record: a licence (publicity until its stated validity) or a penalty (publicity by the rule, or its stated end). */
  const record = async (i: number, due: 'late' | 'ending' | 'none') => {
    const org = departments[i % departments.length]!;
    // Late: decided a month before its receipt yesterday. Ending: the last public day was yesterday.
    // Otherwise: decided in the last two months and received the next day; a licence public for 2 to 5 years
    // more, a penalty (a fine: 12 months under NDRC order 58) from 10 months on.
    const decisionDate = due === 'late' ? addDays(day, -31) : due === 'ending' ? addDays(day, -400) : addDays(day, -1 - (i % 60));
    const receivedOn = due === 'late' ? addDays(day, -1) : addDays(decisionDate, 1);
    const common = {
      subject: { name: `基准主体${i % 20_000}有限公司`, category: 'legalPerson', uscc: code(i % 20_000) },
      decisionNumber: `基准〔2026〕${org}-${i}号`,
      decisionDate,
      authority,
      sourceDepartment: `${county.name}${departmentNames[org]}`,
    };
    const until = due === 'ending' ? addDays(day, -1) : addDays(day, 730 + (i % 1000));
    const input = recordInput.parse(
      i % 3 === 0 && due !== 'ending'
        ? { kind: 'penalty', ...common, violationType: '基准', facts: '基准事实', legalBasis: '基准依据', penaltyCategories: ['fine'], penaltyContent: '罚款', fineAmountYuan: 1000 }
        : { kind: 'licence', ...common, licenceDocumentName: '准予行政许可决定书', licenceCategory: '普通', licenceContent: '基准许可', validFrom: decisionDate, validTo: until },
    );
    return currentCopy(buildRecordVersion({ input: await protectForTest(input), providerOrgId: org, receivedAt: new Date(`${receivedOn}T02:00:00Z`), receivedOn, county, calendar, version: 1 }));
  };

  const report = (i: number, validUntil: string): StoredReport => ({
    reportId: `rpt_BENCHOVERDUE${String(i).padStart(9, '0')}`,
    subjectId: code(i),
    subjectType: 'uscc',
    agencyId: 'agency-xinyuan',
    agencyName: '信源信用评估有限公司',
    reportNumber: `BENCH-${i}`,
    reportType: 'comprehensive',
    issueDate: addDays(validUntil, -365),
    validUntil,
    rating: 'A',
    sha256: '0'.repeat(64),
    sizeBytes: 1,
    objectKey: `reports/incoming/agency-xinyuan/bench-${i}.pdf`,
    status: 'valid',
    acceptedAt: new Date().toISOString(),
  });

  const lateCount = 24;
  const endingCount = 24;
  const dueReports = 6;
  const items = function* () {
    for (let i = 0; i < args.records; i += 1) yield record(i, i < lateCount ? 'late' : i < lateCount + endingCount ? 'ending' : 'none');
    for (let i = 0; i < 500; i += 1) yield* reportItems(report(i, i < dueReports ? addDays(day, 3 + i) : addDays(day, 60 + i)));
  };

  const started = performance.now();
  const iterator = items();
  let written = 0;
  const writer = async () => {
    for (;;) {
      const batch: Record<string, unknown>[] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        batch.push(await next.value);
        if (batch.length === 25) break;
      }
      if (!batch.length) return;
      let request: Record<string, any> | undefined = { [args.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length) request = (await args.dynamo.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
      written += batch.length;
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
  const writeMs = performance.now() - started;

  const s = performance.now();
  const result = (await args.invoke('overdue-scan', { date: day })) as OverdueScanResult;
  const scanMs = performance.now() - s;
  const sum = (f: (r: OverdueScanResult['sources'][number]) => number) => result.sources.reduce((n, r) => n + f(r), 0);
  return {
    records: args.records,
    written,
    writeMs,
    scanMs,
    read: sum((r) => r.itemsRead),
    due: sum((r) => r.itemsDue),
    published: sum((r) => r.noticesPublished),
    sources: result.sources,
  };
}
