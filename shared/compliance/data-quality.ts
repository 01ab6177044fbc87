import type { z } from 'zod';
import { addDays, daysInMonth, endOfLocalDay, localDate, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { getDepartment, listDepartments, type Department } from '../departments/port.ts';
import { NotPermitted } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { accessPolicy } from '../records/port.ts';
import type { dataQualityQuery } from './api.ts';
import { importsBetween, recordsToMend, type ImportSummary, type RecordToMend } from './compliance-queries.ts';

/** Items listed per department and kind (the counts count them all). */
const listed = 100;

/**
 * The data-quality desk (本部门问题数据处理, issue 15 §4): for a month, what a department has to mend in its own
 * data, each with what to do: rows refused in its imports (the result file names them by column), records it
 * published late (counted in the public late-publication notice), and records whose deadline or publicity end
 * is provisional (the calendar lacks that year's holidays). A department sees its own; the credit office one
 * department or all of them, most to mend first. Read through the indexes, one key range per department and
 * fact: the cost is the month's records and imports, never the table.
 */
export async function dataQuality(args: { query: z.output<typeof dataQualityQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { caller, county, now } = args;
  const today = localDate(now, county.timeZone);
  const month = args.query.month ?? today.slice(0, 7);
  const { year, month: m } = parseIsoDate(`${month}-01`);
  const firstDay: IsoDate = `${month}-01`;
  const lastDay: IsoDate = `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
  const from = endOfLocalDay(addDays(firstDay, -1), county.timeZone).toISOString();
  const to = endOfLocalDay(lastDay, county.timeZone).toISOString();

  const { allowed, of } = accessPolicy.ownListing(caller, args.query.department);
  if (!allowed) throw new NotPermitted("a department reads only its own data's problems", 'FORBIDDEN', 'query.department');
  const departments: Pick<Department, 'orgId' | 'name'>[] =
    of !== undefined ? [(await getDepartment(of)) ?? { orgId: of, name: of }] : (await listDepartments()).departments;

  const answers = await Promise.all(
    departments.map(async (department) => {
      const [records, imports] = await Promise.all([recordsToMend(department.orgId, from, to), importsBetween(department.orgId, from, to)]);
      return departmentQuality(department, records, imports, county);
    }),
  );
  answers.sort((a, b) => total(b) - total(a) || a.orgId.localeCompare(b.orgId));
  return { month, firstDay, lastDay, asOf: now.toISOString(), departments: answers };
}

const total = (d: { counts: { refusedRows: number; latePublications: number; provisional: number } }) => d.counts.refusedRows + d.counts.latePublications + d.counts.provisional;

function departmentQuality(department: Pick<Department, 'orgId' | 'name'>, records: RecordToMend[], imports: ImportSummary[], county: CountyConfig) {
  const refused = imports.filter((i) => i.refused > 0).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const late = records.filter((r) => r.publication?.late);
  const provisional = records.filter((r) => r.publication?.provisional || r.publicity?.provisional);
  const days = county.deadlines.publicationWorkingDays;
  return {
    orgId: department.orgId,
    name: department.name,
    counts: {
      refusedRows: refused.reduce((sum, i) => sum + i.refused, 0),
      importsWithRefusals: refused.length,
      latePublications: late.length,
      provisional: provisional.length,
    },
    imports: refused.slice(0, listed).map((i) => ({
      importId: i.importId,
      fileName: i.fileName,
      kind: i.kind,
      createdAt: i.createdAt,
      rowsRead: i.rowsRead,
      refused: i.refused,
      mend: '下载导入结果，按“字段”“错误”两列修改未通过的行后重新导入（已入库的行不会重复）',
    })),
    latePublications: late.slice(0, listed).map((r) => ({
      recordId: r.recordId,
      kind: r.kind,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      receivedOn: r.firstReceivedOn ?? r.receivedOn,
      deadline: r.publication!.deadline,
      lateByWorkingDays: r.publication!.lateByWorkingDays,
      mend: `已逾期公示并计入逾期公示通报，无须重报；今后请在作出决定后${days}个工作日内报送`,
    })),
    provisional: provisional.slice(0, listed).map((r) => ({
      recordId: r.recordId,
      kind: r.kind,
      decisionNumber: r.decisionNumber,
      ...(r.publication?.provisional ? { deadline: r.publication.deadline } : {}),
      ...(r.publicity?.provisional ? { publicUntil: r.publicity.publicUntil } : {}),
      mend: '期限按暂定日历计算（该年节假日安排未载入）：请信用办载入该年节假日安排，届时核对期限',
    })),
  };
}
