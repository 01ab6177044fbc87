/**
 * Imports in the national templates (issue 15 §2) on the local platform: the template, a file posted to its
 * presigned POST, the S3-triggered ingest streaming it into records, the result file with the refused rows named
 * by column, the mended file imported again, corrections, a GB18030 CSV and a workbook saved by LibreOffice, a
 * file too long for one invocation continued without losing or repeating a row, and files that cannot be read.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { recordIdFor } from '../../shared/records/stored-record.ts';
import { nationalColumns, templateColumns } from '../../shared/records/national-fields.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';
import { importEnded, penaltyCsv, penaltyHeaders, penaltyRow, penaltyWorkbook, postImport, resultRows } from '../support/import-files.ts';
import { testDate } from '../support/test-date.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';

const jiaxian = loadCounty('jiaxian');
// A small part per invocation, so a file of a few hundred rows takes several invocations (the county's default is 50,000).
const county = { ...jiaxian, uploads: { ...jiaxian.uploads, importRowsPerInvocation: 100 } };
const department = 'dept-market';
let platform: LocalPlatform;

const rows = (from: number, count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => penaltyRow({ divisionCode: county.divisionCode, today: testDate, n: from + i, prefix }));
const recordOf = (decisionNumber: string) => callApi(platform, 'GET', `/records/${recordIdFor(department, 'penalty', decisionNumber)}?history=true`, 'department', department);

beforeAll(async () => {
  platform = await startTestPlatform(county, 'imports-it');
}, 120_000);
afterAll(async () => platform?.stop());

describe('the template', () => {
  it('行政处罚: an XLSX whose first row is the national columns in order, with a sheet of instructions', async () => {
    const response = await fetch(`${platform.apiUrl}/imports/templates/penalty`, { headers: { authorization: `Bearer ${await platform.token('department', department)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('行政处罚导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [sheet, guide] = workbook.worksheets;
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual(penaltyHeaders);
    expect(guide!.name).toBe('填写说明');
    expect(guide!.getColumn(1).values.slice(2, 2 + penaltyHeaders.length)).toEqual(penaltyHeaders);
    // Codes are text: Excel keeps an 18-character code as typed.
    expect(sheet!.getColumn(penaltyHeaders.indexOf('统一社会信用代码') + 1).numFmt).toBe('@');
  });

  it('行政许可 too; a kind that is not a record kind is 400 naming the parameter', async () => {
    const licence = await fetch(`${platform.apiUrl}/imports/templates/licence`, { headers: { authorization: `Bearer ${await platform.token('department', department)}` } });
    expect(licence.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await licence.arrayBuffer());
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(nationalColumns.licence.map((c) => c.header));
    const bad = await callApi(platform, 'GET', '/imports/templates/sanctions', 'department', department);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'path.kind' });
  });
});

describe('starting an import', () => {
  it('a file that is neither .xlsx nor .csv is refused naming body.fileName', async () => {
    const answer = await callApi(platform, 'POST', '/imports', 'department', department, { kind: 'penalty', fileName: '处罚.xls' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('body.fileName');
    expect(answer.body.error.message).toMatch(/xlsx/);
  });
});

describe('20 rows of which 3 are wrong, then mended', () => {
  const prefix = '郏市监罚导';
  const good = rows(1, 20, prefix);
  const wrong = good.map((row) => ({ ...row }));
  wrong[4]!['统一社会信用代码'] = '91410425MA00000001'; // a wrong check character
  wrong[9]!['处罚决定日期'] = '2026年13月40日';
  wrong[14]!['行政相对人类别'] = '公司';
  let first: any;

  it('stores the 17 good rows and refuses the 3, each named by its column', async () => {
    const importId = await postImport(platform, department, '11月行政处罚.xlsx', await penaltyWorkbook(wrong));
    first = await importEnded(platform, department, importId);
    expect(first).toMatchObject({ state: 'done', rowsRead: 20, created: 17, unchanged: 0, corrected: 0, refused: 3 });
    expect(first.refusedRows.map((r: any) => [r.row, r.problems.map((p: any) => p.column)])).toEqual([
      [6, ['统一社会信用代码']],
      [11, ['处罚决定日期']],
      [16, ['行政相对人类别']],
    ]);
  });

  it('the result file: every row as written, with 结果, 字段 and 错误', async () => {
    const result = await resultRows(first.result.url);
    expect(result).toHaveLength(21);
    expect(result[0]).toEqual([...penaltyHeaders, '结果', '字段', '错误']);
    const verdict = (row: string[]) => row.slice(penaltyHeaders.length);
    expect(verdict(result[1]!)).toEqual(['通过', '', '']);
    expect(verdict(result[5]!).slice(0, 2)).toEqual(['未通过', '统一社会信用代码']);
    expect(verdict(result[10]!)[1]).toBe('处罚决定日期');
    expect(verdict(result[15]!)[2]).toMatch(/^行政相对人类别：/);
    expect(result[15]![penaltyHeaders.indexOf('行政相对人类别')]).toBe('公司');
  });

  it('the mended result file imported again: the 3 stored, the 17 unchanged, and the 20 records exist once each', async () => {
    const result = await resultRows(first.result.url);
    const header = result[0]!;
    const mended = result.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
    for (const i of [4, 9, 14]) Object.assign(mended[i]!, { 统一社会信用代码: good[i]!['统一社会信用代码'], 处罚决定日期: good[i]!['处罚决定日期'], 行政相对人类别: good[i]!['行政相对人类别'] });
    const importId = await postImport(platform, department, '11月行政处罚-导入结果.xlsx', await penaltyWorkbook(mended, header));
    const second = await importEnded(platform, department, importId);
    expect(second).toMatchObject({ state: 'done', rowsRead: 20, created: 3, unchanged: 17, corrected: 0, refused: 0 });
    for (const row of good) {
      const record = await recordOf(row['行政处罚决定书文号']!);
      expect(record.status, row['行政处罚决定书文号']).toBe(200);
      expect(record.body.versions).toHaveLength(1);
      expect(record.body.record).toMatchObject({ kind: 'penalty' });
    }
    const listed = await callApi(platform, 'GET', '/imports', 'department', department);
    expect(listed.body.imports.map((i: any) => i.importId).slice(0, 2)).toEqual([importId, first.importId]);
  });

  it('a row changed under the same decision number is a correction: a new version, the file and row as its reason', async () => {
    const changed = good.map((row) => ({ ...row }));
    changed[2]!['处罚内容'] = '罚款人民币六千元';
    changed[2]!['罚款金额（万元）'] = '0.6';
    const importId = await postImport(platform, department, '更正.csv', new TextEncoder().encode(penaltyCsv(changed)));
    const state = await importEnded(platform, department, importId);
    expect(state).toMatchObject({ state: 'done', created: 0, unchanged: 19, corrected: 1, refused: 0 });
    const record = await recordOf(good[2]!['行政处罚决定书文号']!);
    expect(record.body.versions).toHaveLength(2);
    const latest = record.body.versions.at(-1);
    expect(latest.details.fineAmountYuan).toBe(6000);
    expect(latest.correction.reason).toContain('更正.csv');
    expect(latest.correction.reason).toContain('第4行');
  });
});

describe("the platform's templates for the other kinds", () => {
  it('a black list filled in its template (the list by its label) is imported as black-list records', async () => {
    const headers = templateColumns.blackList.map((c) => c.header);
    const row = (n: number) => {
      const base = penaltyRow({ divisionCode: county.divisionCode, today: testDate, n, prefix: '郏税黑' });
      return { ...base, 列入文书号: `郏税黑〔2026〕${n}号`, 列入日期: base['处罚决定日期']!, 名单名称: '重大税收违法案件当事人名单', 列入依据: '重大税收违法失信案件', 列入期限至: '2029-12-31', 决定机关: '国家税务总局郏县税务局', 决定机关统一社会信用代码: base['处罚机关统一社会信用代码']! };
    };
    const importId = await postImport(platform, 'dept-tax', '黑名单.csv', new TextEncoder().encode(penaltyCsv([row(1), row(2)], headers)), 'blackList');
    const state = await importEnded(platform, 'dept-tax', importId);
    expect(state).toMatchObject({ state: 'done', kind: 'blackList', created: 2, refused: 0 });
    const record = await callApi(platform, 'GET', `/records/${recordIdFor('dept-tax', 'blackList', '郏税黑〔2026〕1号')}`, 'department', 'dept-tax');
    expect(record.body.record).toMatchObject({ kind: 'blackList', details: { listName: 'major-tax-violation', listedUntil: '2029-12-31' } });
  });
});

describe('files as clerks save them', () => {
  it('a GB18030 CSV (Excel on a Chinese Windows)', async () => {
    const importId = await postImport(platform, 'dept-gbk', '处罚.csv', readFileSync(new URL('../fixtures/imports/penalty-gb18030.csv', import.meta.url)));
    const state = await importEnded(platform, 'dept-gbk', importId);
    expect(state).toMatchObject({ state: 'done', rowsRead: 3, created: 3, refused: 0 });
    const record = await callApi(platform, 'GET', `/records/${recordIdFor('dept-gbk', 'penalty', '示市监罚〔2026〕2号')}`, 'department', 'dept-gbk');
    expect(record.body.record.details.facts).toBe('抽检不合格，\n复检仍不合格');
  });

  it('a workbook saved by LibreOffice Calc (date cells, numbers)', async () => {
    const importId = await postImport(platform, 'dept-calc', '处罚.xlsx', readFileSync(new URL('../fixtures/imports/penalty-libreoffice.xlsx', import.meta.url)));
    const state = await importEnded(platform, 'dept-calc', importId);
    expect(state).toMatchObject({ state: 'done', rowsRead: 3, created: 3, refused: 0 });
    const record = await callApi(platform, 'GET', `/records/${recordIdFor('dept-calc', 'penalty', '示市监罚〔2026〕1号')}`, 'department', 'dept-calc');
    const input = record.body.record.details;
    expect(input).toMatchObject({ decisionDate: '2026-11-02', fineAmountYuan: 5000 });
  });
});

describe('a person\'s row', () => {
  it('an individual business with its operator\'s ID number and a representative\'s ID: stored sealed, never shown whole, in the import or the record', async () => {
    const first17 = `${county.divisionCode}19850612003`;
    const personId = first17 + residentIdCheckDigit(first17);
    const repFirst17 = `${county.divisionCode}19700101002`;
    const repId = repFirst17 + residentIdCheckDigit(repFirst17);
    const row: Record<string, string> = {
      ...penaltyRow({ divisionCode: county.divisionCode, today: testDate, n: 7001, prefix: '郏市监罚人' }),
      行政相对人名称: '郏县某某小吃店',
      行政相对人类别: '个体工商户',
      统一社会信用代码: '',
      证件类型: '身份证',
      证件号码: personId,
      法定代表人证件类型: '身份证',
      法定代表人证件号码: repId,
    };
    const bad = { ...row, 行政处罚决定书文号: '郏市监罚人〔2026〕7002号', 处罚类别: '罚没' };
    const importId = await postImport(platform, 'dept-person', '个体户.csv', new TextEncoder().encode(penaltyCsv([row, bad])));
    const state = await importEnded(platform, 'dept-person', importId);
    expect(state).toMatchObject({ state: 'done', created: 1, refused: 1 });
    expect(JSON.stringify(state)).not.toContain(personId);
    expect(JSON.stringify(state)).not.toContain(repId);
    const record = await callApi(platform, 'GET', `/records/${recordIdFor('dept-person', 'penalty', row['行政处罚决定书文号']!)}`, 'department', 'dept-person');
    expect(record.status).toBe(200);
    const text = JSON.stringify(record.body);
    expect(text).not.toContain(personId);
    expect(text).not.toContain(repId);
    expect(record.body.record.details.subject.legalRepresentativeIdNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
  });
});

describe('a file longer than one invocation takes', () => {
  it('350 rows at 100 a invocation: continued at its checkpoint, every row stored once, counts exact', async () => {
    const long = rows(1000, 350, '郏市监罚长');
    long[200]!['处罚类别'] = '罚没';
    const importId = await postImport(platform, 'dept-long', '长文件.csv', new TextEncoder().encode(penaltyCsv(long)));
    const state = await importEnded(platform, 'dept-long', importId, 120_000);
    expect(state).toMatchObject({ state: 'done', rowsRead: 350, created: 349, refused: 1 });
    expect(state.invocations).toBeGreaterThanOrEqual(3);
    expect(state.refusedRows).toEqual([{ row: 202, problems: [expect.objectContaining({ column: '处罚类别' })] }]);
    const result = await resultRows(state.result.url);
    expect(result).toHaveLength(351);
    expect(result.filter((r) => r.at(-3) === '未通过')).toHaveLength(1);
  });
});

describe('what is not a template file', () => {
  it('a file without the template\'s required columns fails as a whole, naming them', async () => {
    const headers = penaltyHeaders.filter((h) => h !== '处罚依据' && h !== '处罚类别');
    const importId = await postImport(platform, 'dept-bad', '旧表.csv', new TextEncoder().encode(penaltyCsv(rows(1, 2, '郏坏'), headers)));
    const state = await importEnded(platform, 'dept-bad', importId);
    expect(state.state).toBe('failed');
    expect(state.failure).toContain('处罚依据');
    expect(state.failure).toContain('处罚类别');
    expect(state.created).toBe(0);
  });

  it('bytes that are not a workbook fail with the reason, and store nothing', async () => {
    const importId = await postImport(platform, 'dept-bad', '坏.xlsx', new TextEncoder().encode('this is not a zip file at all'));
    const state = await importEnded(platform, 'dept-bad', importId);
    expect(state).toMatchObject({ state: 'failed', rowsRead: 0 });
    expect(state.failure).toMatch(/XLSX/);
  });

  it('another department does not see the import (404)', async () => {
    const importId = await postImport(platform, 'dept-bad', '空.csv', new TextEncoder().encode(penaltyCsv([])));
    const state = await importEnded(platform, 'dept-bad', importId);
    expect(state).toMatchObject({ state: 'done', rowsRead: 0 });
    expect((await callApi(platform, 'GET', `/imports/${importId}`, 'department', 'dept-market')).status).toBe(404);
    expect((await callApi(platform, 'GET', `/imports/${importId}`, 'creditOffice', 'credit-office')).status).toBe(200);
  });
});

describe('the data-quality desk (本部门问题数据处理)', () => {
  const month = testDate.slice(0, 7);

  it("a department's month: its imports with refused rows, its late publications, its provisional deadlines, each with what to mend", async () => {
    const late = { ...penaltyRow({ divisionCode: county.divisionCode, today: testDate, n: 9001, prefix: '郏市监罚迟', daysAgo: 40 }) };
    const importId = await postImport(platform, 'dept-market', '迟报.csv', new TextEncoder().encode(penaltyCsv([late])));
    expect(await importEnded(platform, 'dept-market', importId)).toMatchObject({ state: 'done', created: 1 });

    const desk = await callApi(platform, 'GET', `/data-quality?month=${month}`, 'department', 'dept-market');
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({ month, firstDay: `${month}-01` });
    const [mine] = desk.body.departments;
    expect(desk.body.departments).toHaveLength(1);
    expect(mine.orgId).toBe('dept-market');
    // The first import of the 20 rows refused 3; the others none.
    expect(mine.counts).toMatchObject({ refusedRows: 3, importsWithRefusals: 1, latePublications: 1 });
    expect(mine.imports[0]).toMatchObject({ fileName: '11月行政处罚.xlsx', refused: 3, rowsRead: 20 });
    expect(mine.imports[0].mend).toContain('导入结果');
    expect(mine.latePublications[0]).toMatchObject({ decisionNumber: late['行政处罚决定书文号'], decisionDate: late['处罚决定日期'] });
    expect(mine.latePublications[0].lateByWorkingDays).toBeGreaterThan(0);
    expect(mine.latePublications[0].mend).toContain(`${county.deadlines.publicationWorkingDays}个工作日`);
    // Provisional: exactly the records whose deadline or publicity end the platform computed on an unknown year.
    for (const item of mine.provisional) expect(item.mend).toContain('节假日');
    expect(mine.counts.provisional).toBe(mine.provisional.length);
    const lateRecord = (await callApi(platform, 'GET', `/records/${recordIdFor('dept-market', 'penalty', late['行政处罚决定书文号']!)}`, 'department', 'dept-market')).body.record;
    const isProvisional = Boolean(lateRecord.publication?.provisional || lateRecord.publicity?.provisional);
    expect(mine.provisional.some((p: any) => p.recordId === lateRecord.recordId)).toBe(isProvisional);
  });

  it("another month has nothing to mend; a department may not read another's desk (403 naming query.department)", async () => {
    const earlier = await callApi(platform, 'GET', '/data-quality?month=2020-01', 'department', 'dept-market');
    expect(earlier.body.departments[0].counts).toEqual({ refusedRows: 0, importsWithRefusals: 0, latePublications: 0, provisional: 0 });
    const other = await callApi(platform, 'GET', '/data-quality?department=dept-long', 'department', 'dept-market');
    expect(other.status).toBe(403);
    expect(other.body.error.field).toBe('query.department');
    const badMonth = await callApi(platform, 'GET', '/data-quality?month=2026-13', 'department', 'dept-market');
    expect([badMonth.status, badMonth.body.error.field]).toEqual([400, 'query.month']);
  });

  it('the credit office sees every registered department, most to mend first', async () => {
    for (const [orgId, name] of [['dept-market', '郏县市场监督管理局'], ['dept-long', '郏县长文件局'], ['dept-calc', '郏县表格局']] as const)
      expect((await callApi(platform, 'POST', '/departments', 'creditOffice', 'credit-office', { orgId, name })).status).toBeLessThan(300);
    const desk = await callApi(platform, 'GET', `/data-quality?month=${month}`, 'creditOffice', 'credit-office');
    expect(desk.status).toBe(200);
    const byOrg = Object.fromEntries(desk.body.departments.map((d: any) => [d.orgId, d]));
    expect(Object.keys(byOrg).sort()).toEqual(['dept-calc', 'dept-long', 'dept-market']);
    expect(byOrg['dept-market'].name).toBe('郏县市场监督管理局');
    expect(byOrg['dept-long'].counts.refusedRows).toBe(1);
    expect(byOrg['dept-calc'].counts.refusedRows).toBe(0);
    const totals = desk.body.departments.map((d: any) => d.counts.refusedRows + d.counts.latePublications + d.counts.provisional);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
    const one = await callApi(platform, 'GET', `/data-quality?month=${month}&department=dept-long`, 'creditOffice', 'credit-office');
    expect(one.body.departments.map((d: any) => d.orgId)).toEqual(['dept-long']);
  });
});
