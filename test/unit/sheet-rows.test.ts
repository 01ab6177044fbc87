import { readFileSync, createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { csvEncodingOf, csvRows } from '../../shared/files/csv-rows.ts';
import { cellText, xlsxRows } from '../../shared/files/xlsx-rows.ts';
import { rowToRecord } from '../../shared/records/national-fields.ts';

/** The rows of a clerk's file (issue 15 §2): CSV in the encodings Excel and WPS save, XLSX as spreadsheet programs write it. */
const fixture = (name: string) => new URL(`../fixtures/imports/${name}`, import.meta.url);

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Bytes delivered in small chunks, as a stream from S3 may cut them: inside a character, inside a quoted field. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('CSV', () => {
  it('tells UTF-8 (with or without a BOM) from GB18030 by the first bytes', () => {
    expect(csvEncodingOf(utf8('\uFEFF名称'))).toBe('utf-8');
    expect(csvEncodingOf(utf8('名称,类别'))).toBe('utf-8');
    expect(csvEncodingOf(readFileSync(fixture('penalty-gb18030.csv')))).toBe('gb18030');
    expect(csvEncodingOf(utf8('name,kind'))).toBe('utf-8');
  });

  it('reads a GB18030 file saved the way Excel saves "CSV" on a Chinese Windows, cut into chunks anywhere', async () => {
    const bytes = readFileSync(fixture('penalty-gb18030.csv'));
    for (const size of [1, 7, 4096]) {
      const rows = await all(csvRows(chunked(bytes, size)));
      expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
      expect(rows[0]!.cells['行政相对人名称']).toBe('示例建材有限公司1');
      expect(rows[1]!.cells['违法事实']).toBe('抽检不合格，\n复检仍不合格');
      expect(rows[2]!.cells['处罚决定日期']).toBe('2026-11-04');
    }
  });

  it('the GB18030 rows are records as the national fields read them', async () => {
    const rows = await all(csvRows(chunked(readFileSync(fixture('penalty-gb18030.csv')), 1000)));
    for (const { cells } of rows) {
      const result = rowToRecord('penalty', cells);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.input).toMatchObject({ kind: 'penalty', fineAmountYuan: 5000 });
    }
  });

  it('UTF-8 with a BOM: the BOM is not part of the first header; quoted commas, doubled quotes and line breaks stay in their cell; row numbers count the file\'s rows', async () => {
    const text = '\uFEFF 行政相对人 名称 ,备注\r\n"甲公司, 分公司","说 ""是"" 的"\r\n\r\n"乙公司","第一行\r\n第二行"\r\n丙公司,\r\n';
    const rows = (await all(csvRows(chunked(utf8(text), 5)))).map(({ row, cells }) => ({ row, cells }));
    expect(rows).toEqual([
      { row: 2, cells: { 行政相对人名称: '甲公司, 分公司', 备注: '说 "是" 的' } },
      { row: 4, cells: { 行政相对人名称: '乙公司', 备注: '第一行\r\n第二行' } },
      { row: 5, cells: { 行政相对人名称: '丙公司', 备注: '' } },
    ]);
  });

  it('a long ASCII start does not decide the encoding: GB18030 text after 10,000 ASCII rows is read as GB18030', async () => {
    const gbk = new Uint8Array([0xd2, 0xd2, 0xb9, 0xab, 0xcb, 0xbe]); // 乙公司 in GBK
    const ascii = utf8(`name,n\n${Array.from({ length: 10_000 }, (_, i) => `x,${i}\n`).join('')}`);
    const bytes = new Uint8Array([...ascii, ...gbk, 0x2c, 0x31, 0x0a]);
    const rows = await all(csvRows(chunked(bytes, 4096)));
    expect(rows).toHaveLength(10_001);
    expect(rows.at(-1)).toMatchObject({ row: 10_002, cells: { name: '乙公司', n: '1' } });
  });

  it('a row with more cells than the header keeps the named ones; a short row has only what it holds', async () => {
    let header: string[] = [];
    const rows = await all(csvRows(chunked(utf8(' a ,b\n1,2,3\n4\n'), 64), { onHeader: (h) => (header = h) }));
    expect(header).toEqual(['a', 'b']);
    expect(rows).toEqual([{ row: 2, cells: { a: '1', b: '2' }, values: ['1', '2', '3'] }, { row: 3, cells: { a: '4' }, values: ['4'] }]);
  });

  it('an unclosed quote is an error of the file, not a silent end', async () => {
    await expect(all(csvRows(chunked(utf8('a,b\n"1,2\n'), 64)))).rejects.toThrow(/quote/i);
  });
});

describe('XLSX', () => {
  it('a workbook saved by LibreOffice Calc (not exceljs): shared strings, numbers, date cells read as the day', async () => {
    const bytes = readFileSync(fixture('penalty-libreoffice.xlsx'));
    expect(bytes.toString('latin1')).toContain('docProps/app.xml');
    const rows = await all(xlsxRows(createReadStream(fixture('penalty-libreoffice.xlsx'))));
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows[0]!.cells).toMatchObject({ 行政相对人名称: '示例建材有限公司1', '罚款金额（万元）': '0.5', 处罚决定日期: '2026-11-02' });
    expect(rows[1]!.cells['违法事实']).toBe('抽检不合格，\n复检仍不合格');
    for (const { cells } of rows) expect(rowToRecord('penalty', cells).ok).toBe(true);
  });

  it('a workbook written by exceljs: dates, formulas (their result), rich text, blank rows skipped, numbers as shown', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('行政处罚');
    sheet.addRow(['行政相对人名称', '处罚决定日期', '罚款金额（万元）', '备注']);
    sheet.addRow(['甲', new Date(Date.UTC(2026, 10, 2)), 1.5, { richText: [{ text: '富' }, { text: '文本' }] }]);
    sheet.addRow([]);
    sheet.addRow(['乙', '2026/11/3', { formula: '1+1', result: 2 }, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    let header: string[] = [];
    const rows = await all(xlsxRows(Readable.from([buffer]), { onHeader: (h) => (header = h) }));
    expect(header).toEqual(['行政相对人名称', '处罚决定日期', '罚款金额（万元）', '备注']);
    expect(rows).toEqual([
      { row: 2, cells: { 行政相对人名称: '甲', 处罚决定日期: '2026-11-02', '罚款金额（万元）': '1.5', 备注: '富文本' }, values: ['甲', '2026-11-02', '1.5', '富文本'] },
      { row: 4, cells: { 行政相对人名称: '乙', 处罚决定日期: '2026/11/3', '罚款金额（万元）': '2' }, values: ['乙', '2026/11/3', '2'] },
    ]);
  });

  it('a cell as the text a clerk sees', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(new Date(Number.NaN))).toBe('');
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(true)).toBe('true');
  });
});
