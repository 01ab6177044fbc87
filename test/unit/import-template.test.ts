import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../shared/imports/templates.ts';
import { nationalColumns, rowToRecord, templateColumns } from '../../shared/records/national-fields.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { penaltyRow } from '../support/import-files.ts';

/** The import template (issue 15 §2): what it offers a clerk is what the ingest reads. */
const read = async (kind: Parameters<typeof importTemplate>[0]) => {
  const file = await importTemplate(kind, new Date('2026-11-23T01:00:00Z'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
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
      .map(([header, validation]) => [header, JSON.parse(`[${validation!.formulae![0]!.replace(/^"|"$/g, '').split(',').map((v: string) => JSON.stringify(v)).join(',')}]`)] as [string, string[]]);
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

describe("the platform's templates for the other kinds", () => {
  const subject = (n: number) => ({ ...penaltyRow({ divisionCode: '410425', today: '2026-11-23', n, prefix: '模板' }) });
  const common = (n: number) => {
    const row = subject(n);
    return {
      行政相对人名称: row['行政相对人名称']!,
      行政相对人类别: '法人及非法人组织',
      统一社会信用代码: row['统一社会信用代码']!,
      决定机关: '郏县人民政府',
      决定机关统一社会信用代码: row['处罚机关统一社会信用代码']!,
      数据来源单位: '郏县发展和改革委员会',
    };
  };
  const rows: Record<string, [Record<string, string>, Record<string, unknown>]> = {
    enforcement: [{ 行政强制决定文书号: '郏强〔2026〕1号', 行政强制决定日期: '2026/11/2', 行政强制内容: '查封场所' }, { content: '查封场所', decisionDate: '2026-11-02' }],
    levy: [{ 行政征收决定文书号: '郏征〔2026〕1号', 行政征收决定日期: '2026-11-02', 行政征收内容: '征收排污费' }, { content: '征收排污费' }],
    confirmation: [{ 行政确认决定文书号: '郏确〔2026〕1号', 行政确认决定日期: '2026-11-02', 行政确认内容: '确认资质' }, { content: '确认资质' }],
    reward: [{ 行政奖励决定文书号: '郏奖〔2026〕1号', 行政奖励决定日期: '2026-11-02', 行政奖励内容: '守信企业表彰' }, { content: '守信企业表彰' }],
    judgment: [{ 裁判文书号: '（2026）豫0425民初1号', 裁判日期: '2026-11-02', 法院名称: '郏县人民法院', 案号: '（2026）豫0425民初1号', 裁判内容: '判决支付货款' }, { court: '郏县人民法院' }],
    dishonestDebtor: [
      { 失信决定书文号: '（2026）豫0425执1号', 列入日期: '2026-11-02', 法院名称: '郏县人民法院', 案号: '（2026）豫0425执1号', 生效法律文书确定的义务: '支付货款', 履行情况: '部分未履行' },
      { performanceStatus: 'partlyPerformed' },
    ],
    commitment: [{ 承诺书编号: 'CN-2026-1', 承诺日期: '2026-11-02', 承诺类型: '告知承诺', 承诺内容: '三十日内补齐材料' }, { commitmentType: '告知承诺' }],
    commitmentBreach: [{ 违诺认定文书号: 'WN-2026-1', 认定日期: '2026-11-02', 违诺事实: '逾期未补齐材料', 处理内容: '撤销许可' }, { breachFacts: '逾期未补齐材料' }],
    redList: [{ 列入文书号: 'HM-2026-1', 列入日期: '2026-11-02', 名单名称: '纳税信用A级纳税人名单', 列入依据: '年度评价' }, { listName: '纳税信用A级纳税人名单' }],
    blackList: [{ 列入文书号: 'HB-2026-1', 列入日期: '2026-11-02', 名单名称: '重大税收违法案件当事人名单', 列入依据: '重大税收违法', 列入期限至: '2029-11-01' }, { listName: 'major-tax-violation', listedUntil: '2029-11-01' }],
  };

  it.each(Object.entries(rows))('%s: a row as a clerk fills it is a record of that kind', (kind, [cells, expected]) => {
    const result = rowToRecord(kind as never, { ...common(1), ...cells });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.input).toMatchObject({ kind, ...expected });
  });

  it('each kind has a template: the subject columns first, headers unique, every required column named in a refused row', async () => {
    for (const kind of Object.keys(rows) as (keyof typeof templateColumns)[]) {
      const headers = templateColumns[kind].map((c) => c.header);
      expect(new Set(headers).size, kind).toBe(headers.length);
      expect(headers.slice(0, 13)).toEqual(nationalColumns.penalty.slice(0, 13).map((c) => c.header));
      const { workbook } = await read(kind as never);
      expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
      const empty = rowToRecord(kind, { 行政相对人名称: '某公司' });
      expect(empty.ok).toBe(false);
    }
  });

  it('a black list is named by its label or its id; anything else is refused naming 名单名称', () => {
    const [cells] = rows.blackList!;
    expect(rowToRecord('blackList', { ...common(2), ...cells, 名单名称: 'serious-dishonesty' })).toMatchObject({ ok: true, input: { listName: 'serious-dishonesty' } });
    const bad = rowToRecord('blackList', { ...common(2), ...cells, 名单名称: '黑榜' });
    expect(bad).toMatchObject({ ok: false, problems: [{ column: '名单名称' }] });
    expect(JSON.stringify(bad)).toContain('严重失信主体名单');
  });
});
