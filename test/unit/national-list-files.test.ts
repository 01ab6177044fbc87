import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FileRefused } from '../../shared/errors/domain-errors.ts';
import { normaliseListDate, readListFile } from '../../shared/national-lists/read-list-file.ts';
import { sourceFormats } from '../../shared/national-lists/source-formats.ts';
import { prepareImport } from '../../shared/national-lists/upload-national-list.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

/**
 * The national lists' files (issue 18 part 2, docs/exchange.md "Inbound"): each source's published columns read
 * into entries, CSV (UTF-8, GB18030) and XLSX alike; every malformed row found and named by row, column and rule.
 */
process.env[resourceEnv.personalDataLocalKey] ??= randomBytes(32).toString('base64');

const uscc = (body: string) => `91410425${body}${usccCheckCharacter(`91410425${body}`)}`;
const person = (() => {
  const first17 = '41042519800101123';
  return first17 + residentIdCheckDigit(first17);
})();
const company = uscc('MA9NL0001');
const other = uscc('MA9NL0002');
const listDate = '2026-11-20';

const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`, 'utf8');
const spcHeader = ['被执行人姓名/名称', '身份证号码/组织机构代码', '法定代表人或者负责人姓名', '执行法院', '省份', '执行依据文号', '立案时间', '案号', '做出执行依据单位', '生效法律文书确定的义务', '被执行人的履行情况', '失信被执行人行为具体情形', '发布时间'];
const spcRow = (name: string, code: string, caseNumber: string, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    '被执行人姓名/名称': name,
    '身份证号码/组织机构代码': code,
    法定代表人或者负责人姓名: code === person ? '' : '王法人',
    执行法院: '郏县人民法院',
    省份: '河南',
    执行依据文号: '（2025）豫0425民初88号',
    立案时间: '2026-03-02',
    案号: caseNumber,
    做出执行依据单位: '郏县人民法院',
    生效法律文书确定的义务: '支付货款十万元',
    被执行人的履行情况: '全部未履行',
    失信被执行人行为具体情形: '有履行能力而拒不履行生效法律文书确定义务',
    发布时间: '2026-04-10',
    ...overrides,
  };
  return spcHeader.map((h) => values[h] ?? '');
};

describe('reading a list file in its published format', () => {
  it("the SPC's dishonest debtors (CSV, UTF-8 with BOM): companies and persons, every published column mapped", async () => {
    const file = csv([spcHeader, spcRow('郏县示范商贸有限公司', company, '（2026）豫0425执100号'), spcRow('张失信', person, '（2026）豫0425执101号')]);
    const read = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'shixin.csv', content: file });
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(2);
    const [org, man] = read.rows;
    expect(org).toMatchObject({ row: 2, action: 'list', subject: { type: 'uscc', id: company }, subjectName: '郏县示范商贸有限公司' });
    expect(org!.fields).toMatchObject({ authority: '郏县人民法院', caseNumber: '（2026）豫0425执100号', documentNumber: '（2025）豫0425民初88号', filedOn: '2026-03-02', listedOn: '2026-04-10', obligation: '支付货款十万元', performance: '全部未履行' });
    expect(man).toMatchObject({ row: 3, subject: { type: 'residentId', id: person } });
    // The code is the subject's, never a field kept with the entry.
    expect(JSON.stringify(man!.fields)).not.toContain(person);
    expect(man!.keyValues).toEqual([person, '(2026)豫0425执101号']);
  });

  it('reads CSV in UTF-8 without a BOM, and XLSX alike', async () => {
    const rows = [spcHeader, spcRow('郏县示范商贸有限公司', company, '（2026）豫0425执100号')];
    const utf8 = Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8');
    const fromUtf8 = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'a.csv', content: utf8 });
    expect(fromUtf8.rows).toHaveLength(1);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('失信被执行人');
    for (const r of rows) sheet.addRow(r);
    // A date typed as a date in the workbook is read as the day.
    sheet.getCell('M2').value = new Date(Date.UTC(2026, 3, 10));
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const fromXlsx = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'a.xlsx', content: xlsx });
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.rows[0]!.fields.listedOn).toBe('2026-04-10');
  });

  it('reads a GB18030 file (what Excel saves as CSV on a Chinese Windows)', async () => {
    const header = ['企业名称', '统一社会信用代码', '列入严重违法失信名单（黑名单）原因', '列入日期', '作出决定机关（列入）'];
    const text = `${header.join(',')}\r\n郏县示范商贸有限公司,${company},提交虚假材料取得登记,2026-05-06,郏县市场监督管理局\r\n`;
    const bytes = await gb18030Bytes(text);
    const read = await readListFile({ source: 'market-serious-violations', mode: 'full', listDate, fileName: 'heimingdan.csv', content: bytes });
    expect(read.problems).toEqual([]);
    expect(read.rows[0]).toMatchObject({ subjectName: '郏县示范商贸有限公司', fields: { authority: '郏县市场监督管理局', listedOn: '2026-05-06' } });
  });

  it('reads each source by its own published headers (and their other spellings)', async () => {
    const tax = csv([
      ['纳税人名称', '纳税人识别号', '案件性质', '主要违法事实', '相关法律依据及税务处理处罚情况', '税务机关', '公布日期'],
      ['郏县示范商贸有限公司', company, '偷税', '2024年少缴增值税50万元', '依照《税收征收管理法》第六十三条，追缴税款并处罚款', '国家税务总局郏县税务局', '2026-06-01'],
    ]);
    const read = await readListFile({ source: 'tax-major-violations', mode: 'full', listDate, fileName: 'tax.csv', content: tax });
    expect(read.problems).toEqual([]);
    expect(read.rows[0]!.fields).toMatchObject({ caseNature: '偷税', authority: '国家税务总局郏县税务局', listedOn: '2026-06-01' });
    const procurement = csv([
      ['企业名称', '统一社会信用代码', '企业地址', '严重违法失信行为的具体情形', '处罚结果', '处罚依据', '处罚日期', '公布日期', '公布截止日期', '执法单位'],
      ['郏县示范商贸有限公司', company, '郏县龙山大道1号', '提供虚假材料谋取中标', '罚款并列入不良行为记录名单，一年内禁止参加政府采购活动', '《政府采购法》第七十七条', '2026/5/1', '2026年5月3日', '2027-05-01', '郏县财政局'],
    ]);
    const p = await readListFile({ source: 'procurement-serious-violations', mode: 'full', listDate, fileName: 'ccgp.csv', content: procurement });
    expect(p.problems).toEqual([]);
    expect(p.rows[0]!.fields).toMatchObject({ decidedOn: '2026-05-01', listedOn: '2026-05-03', endsOn: '2027-05-01' });
  });

  it('a changes file: 状态 on every row; a removal or repair needs only the columns that identify the entry', async () => {
    const file = csv([
      [...spcHeader, '状态'],
      [...spcRow('郏县示范商贸有限公司', company, '（2026）豫0425执100号'), '新增'],
      [...spcHeader.map((h) => (h === '身份证号码/组织机构代码' ? other : h === '案号' ? '（2025）豫0425执9号' : '')), '移出'],
      [...spcHeader.map((h) => (h === '身份证号码/组织机构代码' ? company : h === '案号' ? '（2025）豫0425执8号' : '')), '信用修复'],
    ]);
    const read = await readListFile({ source: 'spc-dishonest-debtors', mode: 'changes', listDate, fileName: 'changes.csv', content: file });
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => r.action)).toEqual(['list', 'remove', 'repair']);
  });
});

describe('a malformed file: every problem by row, column and rule', () => {
  it('names each bad cell: check character, masked code, missing column, bad date, date after the list date, an entry twice', async () => {
    const bad = uscc('MA9NL0003').slice(0, 17) + (usccCheckCharacter(`91410425MA9NL0003`) === 'A' ? 'B' : 'A');
    const file = csv([
      spcHeader,
      spcRow('郏县示范商贸有限公司', company, '（2026）豫0425执100号'),
      spcRow('坏代码公司', bad, '（2026）豫0425执102号'),
      spcRow('张某', '410425********1234', '（2026）豫0425执103号'),
      spcRow('缺义务公司', other, '（2026）豫0425执104号', { 生效法律文书确定的义务: '' }),
      spcRow('日期公司', other, '（2026）豫0425执105号', { 立案时间: '2026-02-30', 发布时间: '2026-12-01' }),
      spcRow('郏县示范商贸有限公司', company, '(2026)豫0425执100号'),
    ]);
    const read = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'bad.csv', content: file });
    expect(read.problems).toEqual([
      { row: 3, column: '身份证号码/组织机构代码', rule: expect.stringMatching(/^代码无效：.*check character should be/) },
      { row: 4, column: '身份证号码/组织机构代码', rule: expect.stringContaining('脱敏') },
      { row: 5, column: '生效法律文书确定的义务', rule: '必须填写' },
      { row: 6, column: '立案时间', rule: '须为日期，如 2026-11-05' },
      { row: 6, column: '发布时间', rule: `不得晚于数据日期 ${listDate}` },
      { row: 7, column: '身份证号码/组织机构代码、案号', rule: expect.stringContaining('与第 2 行是同一条目') },
    ]);
    expect(read.problemCount).toBe(6);
    // No problem repeats a code or name it found in the file.
    expect(JSON.stringify(read.problems)).not.toMatch(/410425|MA9NL/);
  });

  it('a header without a published column is refused at row 1, naming every column missing', async () => {
    const header = spcHeader.filter((h) => h !== '案号' && h !== '发布时间');
    const file = csv([header, header.map(() => 'x')]);
    const read = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'x.csv', content: file });
    expect(read.problems).toEqual([
      { row: 1, column: '案号', rule: '缺少此列（须为名单公布的列名）' },
      { row: 1, column: '发布时间', rule: '缺少此列（须为名单公布的列名）' },
    ]);
  });

  it('a changes file without 状态, a bad 状态, a full list with a removal, a person on a list of enterprises', async () => {
    const noStatus = await readListFile({ source: 'spc-dishonest-debtors', mode: 'changes', listDate, fileName: 'c.csv', content: csv([spcHeader, spcRow('公司', company, '案1')]) });
    expect(noStatus.problems).toEqual([{ row: 1, column: '状态', rule: expect.stringContaining('变更文件缺少此列') }]);
    const badStatus = await readListFile({ source: 'spc-dishonest-debtors', mode: 'changes', listDate, fileName: 'c.csv', content: csv([[...spcHeader, '状态'], [...spcRow('公司', company, '案1'), '删除']]) });
    expect(badStatus.problems).toEqual([{ row: 2, column: '状态', rule: '须为 新增、纳入、移出 或 信用修复' }]);
    const fullWithRemoval = await readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'c.csv', content: csv([[...spcHeader, '状态'], [...spcRow('公司', company, '案1'), '移出']]) });
    expect(fullWithRemoval.problems).toEqual([{ row: 2, column: '状态', rule: expect.stringContaining('全量名单只列在册的条目') }]);
    const samr = csv([
      ['企业名称', '统一社会信用代码', '列入严重违法失信名单（黑名单）原因', '列入日期', '作出决定机关（列入）'],
      ['张三', person, '虚假登记', '2026-05-06', '郏县市场监督管理局'],
    ]);
    const personOnSamr = await readListFile({ source: 'market-serious-violations', mode: 'full', listDate, fileName: 's.csv', content: samr });
    expect(personOnSamr.problems).toEqual([{ row: 2, column: '统一社会信用代码', rule: '本名单只列企业：须为统一社会信用代码' }]);
  });

  it('a procurement ban that ends before it starts', async () => {
    const file = csv([
      ['企业名称', '统一社会信用代码', '严重违法失信行为的具体情形', '处罚结果', '处罚依据', '处罚日期', '公布日期', '公布截止日期', '执法单位'],
      ['公司', company, '虚假材料', '禁止一年', '第七十七条', '2026-05-01', '2026-05-03', '2026-04-01', '郏县财政局'],
    ]);
    const read = await readListFile({ source: 'procurement-serious-violations', mode: 'full', listDate, fileName: 'p.csv', content: file });
    expect(read.problems).toEqual([{ row: 2, column: '公布截止日期', rule: '不得早于处罚日期' }]);
  });

  it('refuses the whole file (FileRefused, 400 NATIONAL_LIST_FILE_REFUSED) when any row is bad', async () => {
    const file = csv([spcHeader, spcRow('郏县示范商贸有限公司', company, '案1'), spcRow('坏公司', '123', '案2')]);
    const refused = await prepareImport({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'f.csv', content: file }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FileRefused);
    expect(refused).toMatchObject({ code: 'NATIONAL_LIST_FILE_REFUSED', kind: 'invalidInput', field: 'body.content', problems: [{ row: 3, column: '身份证号码/组织机构代码' }] });
  });

  it('an unreadable file or a wrong extension is refused naming the field', async () => {
    await expect(readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'f.xlsx', content: Buffer.from('not a workbook') })).rejects.toMatchObject({ field: 'body.content' });
    await expect(readListFile({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'f.txt', content: Buffer.from('a,b') })).rejects.toMatchObject({ field: 'body.fileName' });
  });
});

describe('matching rows to subjects', () => {
  it('a person by its person key, shown masked; an entry id with no ID number in it; the same entry the same id whatever the spelling of its case number', async () => {
    const file = csv([spcHeader, spcRow('张失信', person, '（2026）豫0425执101号')]);
    const a = await prepareImport({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'a.csv', content: file });
    const b = await prepareImport({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'b.csv', content: csv([spcHeader, spcRow('张失信', person, '(2026)豫0425执101号')]) });
    const row = a.rows[0]!;
    expect(row.item.subject).toMatchObject({ type: 'residentId', maskedId: '410425********' + person.slice(-4) });
    expect(row.item.subject.key).toMatch(/^P_/);
    expect(JSON.stringify(a.rows)).not.toContain(person);
    expect(b.rows[0]!.entryId).toBe(row.entryId);
    // The same upload (source, mode, list date, bytes) is the same import.
    expect((await prepareImport({ source: 'spc-dishonest-debtors', mode: 'full', listDate, fileName: 'renamed.csv', content: file })).importId).toBe(a.importId);
    expect((await prepareImport({ source: 'spc-dishonest-debtors', mode: 'full', listDate: '2026-11-21', fileName: 'a.csv', content: file })).importId).not.toBe(a.importId);
  });
});

it('dates as lists write them', () => {
  expect(['2026-11-05', '2026/11/5', '2026.11.05', '2026年11月5日', '2026-11-05 10:20:00', '2026-11-05T10:20'].map(normaliseListDate)).toEqual(Array(6).fill('2026-11-05'));
  expect(normaliseListDate('十一月')).toBe('十一月');
});

it('every source names its identifying columns, the code first', () => {
  for (const format of Object.values(sourceFormats)) expect(format.columns.filter((c) => c.key)[0]!.field).toBe('subjectCode');
});

/** GB18030 bytes of a text (Node encodes UTF-8 only): each character through a one-character decoder table of the CJK range used here. */
async function gb18030Bytes(text: string): Promise<Buffer> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  // Two-byte GBK codes: lead 0x81–0xFE, trail 0x40–0xFE (not 0x7F).
  for (let lead = 0x81; lead <= 0xfe; lead += 1)
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && !table.has(c)) table.set(c, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
    else {
      const code = table.get(c);
      if (!code) throw new Error(`no GBK code for ${c}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}
