import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../shared/imports/templates.ts';
import { nationalColumns, rowToRecord } from '../../shared/records/national-fields.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { penaltyRow } from '../support/import-files.ts';

/** The import template (issue 15 §2): what it offers a clerk is what the ingest reads. */
const read = async (kind: 'penalty' | 'licence') => {
  const file = await importTemplate(kind, new Date('2026-11-23T01:00:00Z'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.content);
  return { file, workbook };
};

describe('the import template', () => {
  it('first row: the national columns; required ones tinted; each with its hint as a note; a 填写说明 sheet', async () => {
    const { file, workbook } = await read('penalty');
    expect(file.fileName).toBe('行政处罚导入模板.xlsx');
    const sheet = workbook.worksheets[0]!;
    const headers = nationalColumns.penalty.map((c) => c.header);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    nationalColumns.penalty.forEach((column, i) => {
      const cell = sheet.getRow(1).getCell(i + 1);
      expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(column.required ? 'FFFCE4D6' : 'FFD9D9D9');
      expect(JSON.stringify(cell.note ?? '')).toContain(column.required ? '必填' : '选填');
    });
    expect(workbook.getWorksheet('填写说明')!.getColumn(1).values.slice(2, 2 + headers.length)).toEqual(headers);
  });

  it('every value its drop-downs offer is one the ingest reads', async () => {
    const { workbook } = await read('penalty');
    const sheet = workbook.worksheets[0]!;
    const headers = nationalColumns.penalty.map((c) => c.header);
    const first17 = '41042519700101002';
    const repId = first17 + residentIdCheckDigit(first17);
    const offered = headers
      .map((header, i) => [header, sheet.getCell(2, i + 1).dataValidation] as const)
      .filter(([, validation]) => validation?.type === 'list')
      .map(([header, validation]) => [header, JSON.parse(`[${validation!.formulae![0]!.replace(/^"|"$/g, '').split(',').map((v) => JSON.stringify(v)).join(',')}]`)] as [string, string[]]);
    expect(offered.map(([h]) => h).sort()).toEqual(['法定代表人证件类型', '行政相对人类别', '证件类型'].sort());
    const base = penaltyRow({ divisionCode: '410425', today: '2026-11-23', n: 1, prefix: '模板' });
    for (const [header, values] of offered)
      for (const value of values) {
        const row: Record<string, string> =
          header === '行政相对人类别' && value !== '法人及非法人组织'
            ? { ...base, [header]: value, 统一社会信用代码: '', 证件类型: '身份证', 证件号码: repId }
            : header === '证件类型'
              ? { ...base, 行政相对人类别: '自然人', 统一社会信用代码: '', 证件类型: value, 证件号码: repId }
              : header === '法定代表人证件类型'
                ? { ...base, [header]: value, 法定代表人证件号码: value === '身份证' ? repId : 'E12345678' }
                : { ...base, [header]: value };
        const result = rowToRecord('penalty', row);
        expect(result.ok, `${header} = ${value}: ${JSON.stringify(result)}`).toBe(true);
      }
  });

  it('行政许可 too, in its own order', async () => {
    const { workbook } = await read('licence');
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(nationalColumns.licence.map((c) => c.header));
  });
});
