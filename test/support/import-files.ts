import ExcelJS from 'exceljs';
import { addDays } from '../../shared/calendar/dates.ts';
import { nationalColumns } from '../../shared/records/national-fields.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi } from './platform-api.ts';
import { until } from './until.ts';

/**
 * Spreadsheets a clerk fills (the national 行政处罚 template) and the steps of an import on a local platform:
 * start it, post the file to the presigned POST, wait for the ingest, read the result file. Used by the
 * imports integration test and the bench.
 */
export const penaltyHeaders = nationalColumns.penalty.map((c) => c.header);

export const companyCode = (divisionCode: string, n: number) => {
  const first17 = `91${divisionCode}MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

/** A valid 行政处罚 row: the subject n of the county, decided `daysAgo` before `today`. */
export function penaltyRow(args: { divisionCode: string; today: string; n: number; prefix: string; daysAgo?: number }): Record<string, string> {
  const authority = companyCode(args.divisionCode, 9_999_999).replace(/^91/, '11');
  return {
    行政相对人名称: `导入测试商贸有限公司${args.n}`,
    行政相对人类别: '法人及非法人组织',
    统一社会信用代码: companyCode(args.divisionCode, args.n),
    法定代表人: '赵导入',
    行政处罚决定书文号: `${args.prefix}〔2026〕${args.n}号`,
    违法行为类型: '未按规定明码标价',
    违法事实: `第${args.n}号：经查，当事人未按规定明码标价`,
    处罚依据: '《中华人民共和国价格法》第四十二条',
    处罚类别: '罚款',
    处罚内容: '罚款人民币五千元',
    '罚款金额（万元）': '0.5',
    处罚决定日期: addDays(args.today, -(args.daysAgo ?? 3)),
    处罚机关: '市场监督管理局',
    处罚机关统一社会信用代码: authority.slice(0, 17) + usccCheckCharacter(authority.slice(0, 17)),
    数据来源单位: '市场监督管理局',
  };
}

/** A workbook of rows under the template's header (as a clerk fills the downloaded template). */
export async function penaltyWorkbook(rows: Record<string, string>[], headers: string[] = penaltyHeaders): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('行政处罚');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same rows as CSV text (UTF-8). */
export function penaltyCsv(rows: Record<string, string>[], headers: string[] = penaltyHeaders): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Starts an import as `department` and posts `file` to its presigned POST; the import's id. */
export async function postImport(platform: LocalPlatform, department: string, fileName: string, file: Uint8Array, kind = 'penalty'): Promise<string> {
  const started = await callApi(platform, 'POST', '/imports', 'department', department, { kind, fileName });
  if (started.status !== 201) throw new Error(`POST /imports answered ${started.status}: ${JSON.stringify(started.body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([file], { type: started.body.upload.fields['Content-Type'] }), fileName);
  const posted = await fetch(started.body.upload.url, { method: 'POST', body: form });
  if (posted.status !== 204) throw new Error(`the file's POST answered ${posted.status}: ${await posted.text()}`);
  return started.body.importId as string;
}

/** Waits for an import to end (done or failed) and answers its state. */
export async function importEnded(platform: LocalPlatform, department: string, importId: string, timeoutMs = 60_000) {
  return until(
    `import ${importId} to end`,
    async () => {
      const state = await callApi(platform, 'GET', `/imports/${importId}`, 'department', department);
      return state.body.state === 'done' || state.body.state === 'failed' ? state.body : undefined;
    },
    timeoutMs,
  );
}

/** The result file's rows (the first sheet), header first, as text. */
export async function resultRows(url: string): Promise<string[][]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`the result file answered ${response.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? "" : String(v))));
  });
  // exceljs leaves out a row's empty cells at its end: each row as wide as the header.
  return rows.map((row) => Array.from({ length: Math.max(row.length, rows[0]?.length ?? 0) }, (_, i) => row[i] ?? ''));
}
