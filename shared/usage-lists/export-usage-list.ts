import type { z } from 'zod';
import type { exportUsageListQuery } from './api.ts';
import { notFound } from '../errors/domain-errors.ts';
import type { HttpFile } from '../http/http-handler.ts';
import { toCsv, toXlsx, usageListSheet } from './usage-list-export.ts';
import { getRevision, latestSubmission, readRows } from './usage-list-store.ts';
import { departmentOf, liveRows, periodOf, type Request } from './usage-lists.ts';

/**
 * GET /usage-lists/{period}/export: a submitted revision (the latest by default), or before any
 * submission the list as it stands (a draft, no submitter), in Zanhuang's template as CSV or XLSX.
 */
export async function exportUsageList(args: Request & { query: z.output<typeof exportUsageListQuery> }): Promise<HttpFile> {
  const { period } = periodOf(args, 'preview');
  const department = await departmentOf(args.caller, args.query.department, 'query.department');
  const { orgId } = department;
  const submitted = args.query.revision ? await getRevision(orgId, period.id, args.query.revision) : await latestSubmission(orgId, period.id);
  if (args.query.revision && !submitted) throw notFound(`revision ${args.query.revision} of the usage list ${period.id} of ${orgId}`);

  const sheet = submitted
    ? usageListSheet({ departmentName: submitted.departmentName, submitter: submitted.submitter, submittedOn: submitted.submittedOn, rows: await readRows(orgId, period.id, submitted.snapshotId) })
    : usageListSheet({ departmentName: department.name, rows: await liveRows(orgId, period) });
  const version = submitted ? { zh: `第${submitted.revision}版`, en: `r${submitted.revision}` } : { zh: '草稿', en: 'draft' };
  const fileName = (extension: string) => ({
    fileName: `使用情况清单-${submitted?.departmentName ?? department.name}-${period.id}-${version.zh}.${extension}`,
    asciiFileName: `usage-list-${orgId}-${period.id}-${version.en}.${extension}`,
  });
  if (args.query.format === 'csv') return { content: toCsv(sheet), contentType: 'text/csv; charset=utf-8', ...fileName('csv') };
  return {
    content: await toXlsx(sheet, period.name, args.now),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ...fileName('xlsx'),
  };
}

