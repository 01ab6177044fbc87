/**
 * Inbound national lists (issue 18 part 2, docs/exchange.md "Inbound"), through the local platform: the credit office
 * uploads the SPC's list of dishonest judgment debtors, and a department's check of a listed subject shows the
 * county's punishment resting on it, with the list's source, list date (数据日期) and freshness; a malformed file is
 * refused with a report by row and column and nothing is stored; a removal (a changes file's 移出, a full list
 * without the entry) lifts the punishment; a repair (信用修复) shows as such and punishes no more; the same upload
 * again changes nothing; an import stopped half-way is never seen by a check and is completed by sending the file
 * again. Every date from the platform clock.
 */
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { getSource } from '../../shared/national-lists/list-store.ts';
import { prepareImport, stageImport } from '../../shared/national-lists/upload-national-list.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const jiaxian = loadCounty('jiaxian');
/** Jiaxian, taking three of the four lists (so that a list it does not take is refused). */
const county: CountyConfig = { ...jiaxian, nationalLists: { ...jiaxian.nationalLists, sources: jiaxian.nationalLists.sources.filter((s) => s.source !== 'market-serious-violations') } };
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const debtor = uscc('MA9NL1001');
const taxed = uscc('MA9NL1002');
const clean = uscc('MA9NL1003');
const personFirst17 = `${county.divisionCode}19790909123`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);

let platform: LocalPlatform;
let today: string;
const office = (method: string, path: string, body?: unknown) => callApi(platform, method, path, 'creditOffice', 'credit-office', body);
const dept = (method: string, path: string, body?: unknown) => callApi(platform, method, path, 'department', 'dept-finance', body);

const spcHeader = ['被执行人姓名/名称', '身份证号码/组织机构代码', '法定代表人或者负责人姓名', '执行法院', '省份', '执行依据文号', '立案时间', '案号', '做出执行依据单位', '生效法律文书确定的义务', '被执行人的履行情况', '失信被执行人行为具体情形', '发布时间'];
const spcRow = (name: string, code: string, caseNumber: string, listedOn = addDays(today, -30)) => [
  name,
  code,
  code === person ? '' : '王法人',
  '郏县人民法院',
  '河南',
  '（2025）豫0425民初88号',
  addDays(today, -60),
  caseNumber,
  '郏县人民法院',
  '支付货款十万元',
  '全部未履行',
  '有履行能力而拒不履行生效法律文书确定义务',
  listedOn,
];
const removal = (code: string, caseNumber: string, status: string) => [...spcHeader.map((h) => (h === '身份证号码/组织机构代码' ? code : h === '案号' ? caseNumber : '')), status];
const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
const upload = (body: { source?: string; listDate: string; mode: 'full' | 'changes'; fileName?: string; content: Buffer }) =>
  office('POST', '/national-lists/imports', { source: body.source ?? 'spc-dishonest-debtors', listDate: body.listDate, mode: body.mode, fileName: body.fileName ?? 'shixin.csv', content: body.content.toString('base64') });

const debtorCase = '（2026）豫0425执100号';
const personCase = '（2026）豫0425执101号';
const firstList = () => csv([spcHeader, spcRow('郏县失信示范商贸有限公司', debtor, debtorCase), spcRow('赵失信', person, personCase)]);

let checks = 0;
const check = async (subjectId: string, type = 'procurement') => {
  const answer = await dept('POST', '/checks', { subjectId, matter: { type, reference: `NL-${(checks += 1)}`, name: '办公设备采购' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const punishment = (receipt: any) => receipt.measures.find((m: any) => m.measureId === 'dishonesty-punishment');
const sources = async () => (await office('GET', '/national-lists')).body.sources as any[];
const spcState = async () => (await sources()).find((s) => s.source === 'spc-dishonest-debtors');

beforeAll(async () => {
  platform = await startTestPlatform(county, 'national-lists-it');
  today = localDate(platform.clock.now(), county.timeZone);
  expect((await office('POST', '/departments', { orgId: 'dept-finance', name: '郏县财政局' })).status).toBe(201);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('an uploaded list of dishonest judgment debtors in a county check', () => {
  let firstImportId = '';

  it('before any list: a check shows every list the county takes, none imported yet (stale), and no entry', async () => {
    const receipt = await check(debtor);
    expect(receipt.nationalLists.sources.map((s: any) => [s.source, s.listDate, s.stale])).toEqual([
      ['spc-dishonest-debtors', null, true],
      ['tax-major-violations', null, true],
      ['procurement-serious-violations', null, true],
    ]);
    expect(receipt.nationalLists.entries).toEqual([]);
    expect(punishment(receipt)).toBeUndefined();
  });

  it('the office uploads the full list: applied at once, every row matched', async () => {
    const answer = await upload({ listDate: addDays(today, -3), mode: 'full', content: firstList() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({ source: 'spc-dishonest-debtors', sourceName: '失信被执行人名单', mode: 'full', listDate: addDays(today, -3), status: 'applied', rows: 2, summary: { added: 2, removed: 0, ignored: 0 } });
    firstImportId = answer.body.importId;
    expect(await spcState()).toMatchObject({ listDate: addDays(today, -3), ageDays: 3, stale: false, entriesInForce: 2, lastImport: { importId: firstImportId } });
  });

  it("a check of the company shows the county's punishment resting on the entry, with its source, list date, basis and freshness", async () => {
    const receipt = await check(debtor);
    expect(receipt.lists).toMatchObject({ dishonestDebtor: true, blackListed: false });
    expect(receipt.subject).toMatchObject({ name: '郏县失信示范商贸有限公司', known: true });
    const [entry] = receipt.nationalLists.entries;
    expect(entry).toMatchObject({
      source: 'spc-dishonest-debtors',
      sourceName: '失信被执行人名单',
      publisher: '最高人民法院',
      kind: 'dishonestDebtor',
      state: 'listed',
      status: 'active',
      caseNumber: debtorCase,
      authority: { label: '执行法院', name: '郏县人民法院' },
      basis: { label: '执行依据', text: '郏县人民法院；（2025）豫0425民初88号' },
      listDate: addDays(today, -3),
      ageDays: 3,
      stale: false,
      clause: '郏信用办〔2021〕2号 三、(四)',
    });
    expect(punishment(receipt)).toMatchObject({ kind: 'punishment', suspended: false, restsOn: [{ recordId: entry.recordId, kind: 'dishonestDebtor', nationalList: 'spc-dishonest-debtors', status: 'active' }] });
    // GET /checks/{id} shows what the check logged.
    const again = await dept('GET', `/checks/${receipt.checkId}`);
    expect(again.body.nationalLists.entries[0]).toMatchObject({ entryId: entry.entryId, listDate: addDays(today, -3) });
  });

  it('a person is matched by its ID number and shown masked, never whole', async () => {
    const receipt = await check(person);
    expect(receipt.nationalLists.entries).toHaveLength(1);
    expect(receipt.nationalLists.entries[0].subject).toEqual({ name: '赵失信', id: `${person.slice(0, 6)}********${person.slice(-4)}`, type: 'residentId' });
    expect(JSON.stringify(receipt)).not.toContain(person);
    expect(punishment(receipt)).toBeDefined();
    const entries = await office('GET', `/national-lists/entries?subjectId=${person}`);
    expect(JSON.stringify(entries.body)).not.toContain(person);
    expect(entries.body.entries[0].history).toEqual([{ state: 'listed', changedOn: addDays(today, -3), importId: firstImportId, row: 3 }]);
  });

  it('the same upload again is answered as applied, and stores nothing twice', async () => {
    const before = await getSource('spc-dishonest-debtors');
    const answer = await upload({ listDate: addDays(today, -3), mode: 'full', fileName: '再次上传.csv', content: firstList() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ importId: firstImportId, repeated: true, status: 'applied' });
    expect(await getSource('spc-dishonest-debtors')).toEqual(before);
    expect((await office('GET', '/national-lists/imports')).body.imports.map((i: any) => i.importId)).toEqual([firstImportId]);
  });

  it('a malformed file is refused whole with a report by row and column; nothing is stored and the check is unchanged', async () => {
    const bad = `${debtor.slice(0, 17)}${debtor.endsWith('A') ? 'B' : 'A'}`;
    const file = csv([spcHeader, spcRow('郏县正常公司', clean, '（2026）豫0425执200号'), spcRow('坏代码公司', bad, '（2026）豫0425执201号'), spcRow('无日期公司', taxed, '（2026）豫0425执202号', '下周')]);
    const before = await getSource('spc-dishonest-debtors');
    const answer = await upload({ listDate: addDays(today, -2), mode: 'full', content: file });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'NATIONAL_LIST_FILE_REFUSED',
      field: 'body.content',
      problems: [
        { row: 3, column: '身份证号码/组织机构代码', rule: expect.stringContaining('代码无效') },
        { row: 4, column: '发布时间', rule: '须为日期，如 2026-11-05' },
      ],
    });
    expect(await getSource('spc-dishonest-debtors')).toEqual(before);
    expect((await office('GET', '/national-lists/imports')).body.imports).toHaveLength(1);
    // The valid row of the refused file was not half-imported: the clean company is on no list, the debtor still is.
    expect((await check(clean)).nationalLists.entries).toEqual([]);
    expect(punishment(await check(debtor))).toBeDefined();
  });

  it('an older list than the one applied is refused (409), and so is a list the county does not take (400)', async () => {
    const older = await upload({ listDate: addDays(today, -4), mode: 'full', content: firstList() });
    expect(older.status).toBe(409);
    expect(older.body.error).toMatchObject({ code: 'NATIONAL_LIST_OUT_OF_DATE', field: 'body.listDate' });
    const notTaken = await upload({ source: 'market-serious-violations', listDate: today, mode: 'full', content: csv([['企业名称', '统一社会信用代码', '列入严重违法失信名单（黑名单）原因', '列入日期', '作出决定机关（列入）']]) });
    expect(notTaken.status).toBe(400);
    expect(notTaken.body.error.field).toBe('body.source');
  });

  it('a changes file removing the company (移出) lifts its punishment; the person stays listed', async () => {
    const answer = await upload({ listDate: addDays(today, -2), mode: 'changes', fileName: 'changes.csv', content: csv([[...spcHeader, '状态'], removal(debtor, debtorCase, '移出'), removal(clean, '（2026）豫0425执999号', '移出')]) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.summary).toMatchObject({ removed: 1, ignored: 1 });
    expect(answer.body.ignored).toEqual([{ row: 3, reason: '名单中无此条目，移出未作变动' }]);
    const receipt = await check(debtor);
    expect(receipt.nationalLists.entries).toEqual([]);
    expect(receipt.lists.dishonestDebtor).toBe(false);
    expect(punishment(receipt)).toBeUndefined();
    expect(punishment(await check(person))).toBeDefined();
    expect(await spcState()).toMatchObject({ listDate: addDays(today, -2), entriesInForce: 1 });
  });

  it('a repair upstream (信用修复) shows the entry repaired, and it punishes no more', async () => {
    const answer = await upload({ listDate: addDays(today, -1), mode: 'changes', fileName: 'repair.csv', content: csv([[...spcHeader, '状态'], removal(person, personCase, '信用修复')]) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.summary).toMatchObject({ repaired: 1 });
    const receipt = await check(person);
    expect(receipt.nationalLists.entries).toHaveLength(1);
    expect(receipt.nationalLists.entries[0]).toMatchObject({ state: 'repaired', status: 'repaired', changedOn: addDays(today, -1), listDate: addDays(today, -1) });
    expect(punishment(receipt)).toBeUndefined();
    expect(receipt.lists.dishonestDebtor).toBe(false);
    expect(await spcState()).toMatchObject({ entriesInForce: 0, entriesRepaired: 1 });
  });

  it('a full list without an entry removes it: the company listed again, then a full list of the person alone lifts it', async () => {
    const relisted = await upload({ listDate: addDays(today, -1), mode: 'changes', fileName: 'relist.csv', content: csv([[...spcHeader, '状态'], [...spcRow('郏县失信示范商贸有限公司', debtor, debtorCase), '新增']]) });
    expect(relisted.status).toBe(201);
    expect(punishment(await check(debtor))).toBeDefined();
    const full = await upload({ listDate: today, mode: 'full', fileName: 'full.csv', content: csv([spcHeader, spcRow('赵失信', person, personCase)]) });
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    expect(full.body.summary).toMatchObject({ added: 1, removed: 1 });
    expect(punishment(await check(debtor))).toBeUndefined();
    // The person's repaired entry, listed again by the full list, punishes again.
    expect(punishment(await check(person))).toBeDefined();
    const history = (await office('GET', `/national-lists/entries?subjectId=${debtor}`)).body.entries[0].history.map((h: any) => h.state);
    expect(history).toEqual(['listed', 'removed', 'listed', 'removed']);
  });
});

describe('an import stopped half-way', () => {
  it('is never seen by a check; another file is refused while it is pending; sending the same file again completes it', async () => {
    const file = { source: 'spc-dishonest-debtors' as const, mode: 'full' as const, listDate: today, fileName: 'half.csv', content: csv([spcHeader, spcRow('郏县清白商贸有限公司', clean, '（2026）豫0425执300号')]) };
    const prepared = await prepareImport(file);
    const now = platform.clock.now();
    // Staged (the person's removal and the new entry written under its seq), then the process "stops": no commit.
    const staged = await stageImport({
      record: { importId: prepared.importId, source: file.source, mode: file.mode, listDate: file.listDate, fileName: file.fileName, sha256: prepared.sha256, bytes: file.content.length, rows: 1, status: 'applying', seq: 0, startedAt: now.toISOString(), startedBy: { orgId: 'credit-office', userId: 'test' } },
      rows: prepared.rows,
      now,
    });
    expect('writes' in staged && staged.writes.map((w) => w.state).sort()).toEqual(['listed', 'removed']);
    expect(punishment(await check(person))).toBeDefined();
    expect((await check(clean)).nationalLists.entries).toEqual([]);
    expect((await office('GET', `/national-lists/imports/${prepared.importId}`)).body).toMatchObject({ status: 'applying' });
    expect(await spcState()).toMatchObject({ pending: { importId: prepared.importId } });

    const other = await upload({ listDate: today, mode: 'changes', fileName: 'other.csv', content: csv([[...spcHeader, '状态'], removal(person, personCase, '移出')]) });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('NATIONAL_LIST_IMPORT_PENDING');

    const resumed = await upload({ ...file, content: file.content });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(201);
    expect(resumed.body).toMatchObject({ importId: prepared.importId, status: 'applied', summary: { added: 1, removed: 1 } });
    expect(punishment(await check(person))).toBeUndefined();
    expect(punishment(await check(clean))).toBeDefined();
  });

  it('an import stopped long ago is taken over by another; its staged states never count', async () => {
    const stopped = { source: 'spc-dishonest-debtors' as const, mode: 'full' as const, listDate: today, fileName: 'stopped.csv', content: csv([spcHeader]) };
    const prepared = await prepareImport(stopped);
    const now = platform.clock.now();
    await stageImport({
      record: { importId: prepared.importId, source: stopped.source, mode: stopped.mode, listDate: stopped.listDate, fileName: stopped.fileName, sha256: prepared.sha256, bytes: stopped.content.length, rows: 0, status: 'applying', seq: 0, startedAt: now.toISOString(), startedBy: { orgId: 'credit-office', userId: 'test' } },
      rows: [],
      now,
    });
    await platform.clock.advance(6 * 60_000);
    const answer = await upload({ listDate: today, mode: 'changes', fileName: 'takeover.csv', content: csv([[...spcHeader, '状态'], [...spcRow('郏县失信示范商贸有限公司', debtor, debtorCase), '新增']]) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect((await office('GET', `/national-lists/imports/${prepared.importId}`)).body).toMatchObject({ status: 'abandoned' });
    // The stopped import would have emptied the list: it never did.
    expect(punishment(await check(clean))).toBeDefined();
    expect(punishment(await check(debtor))).toBeDefined();
    expect((await getSource('spc-dishonest-debtors')).skippedSeqs).toHaveLength(1);
  });
});

describe('the other lists, the credit report, freshness', () => {
  it('a tax authority list in XLSX: a black list of its name, the measure applies as to a county record', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('重大税收违法失信主体');
    sheet.addRow(['纳税人名称', '统一社会信用代码（纳税人识别号）', '案件性质', '主要违法事实', '相关法律依据及税务处理处罚情况', '确定失信主体的税务机关', '公布日期']);
    sheet.addRow(['郏县偷税示范有限公司', taxed, '偷税', '2024年少缴增值税50万元', '依照《税收征收管理法》第六十三条追缴税款并处罚款', '国家税务总局郏县税务局', addDays(today, -10)]);
    const answer = await upload({ source: 'tax-major-violations', listDate: today, mode: 'full', fileName: 'tax.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const receipt = await check(taxed);
    expect(receipt.lists.blackListed).toBe(true);
    expect(receipt.nationalLists.entries[0]).toMatchObject({ kind: 'blackList', listName: 'major-tax-violation', listLabel: '重大税收违法案件当事人名单', basis: { label: '税务处理处罚' } });
    expect(punishment(receipt).restsOn[0]).toMatchObject({ kind: 'blackList', listName: 'major-tax-violation', nationalList: 'tax-major-violations' });
  });

  it("the subject's credit report shows its national entries with their source and the list's date", async () => {
    const response = await fetch(`${platform.apiUrl}/subjects/${debtor}/report.pdf`, { headers: { authorization: `Bearer ${await platform.token('subject', debtor)}` } });
    expect(response.status).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, '');
    expect(text).toContain('八、国家名单信息（共1条）');
    expect(text).toContain(`失信被执行人名单（最高人民法院）：数据日期${today}（0天前）`);
    expect(text).toContain(debtorCase.replace(/\s+/g, ''));
    expect(text).toMatch(/失信惩戒对象是（依据：失信被执行人名单/);
    const code = response.headers.get('x-report-verification-code')!;
    const verified = (await (await fetch(`${platform.apiUrl}/public/report-verifications/${code}`)).json()) as any;
    expect(verified.nationalLists).toMatchObject({ count: 1 });
  });

  it('past the county’s days a list is shown stale, in the office’s view and in checks', async () => {
    await platform.clock.advance(31 * 24 * 3600_000);
    const state = await spcState();
    expect(state).toMatchObject({ stale: true, ageDays: 31, staleAfterDays: 30 });
    const receipt = await check(debtor);
    expect(receipt.nationalLists.entries[0]).toMatchObject({ stale: true, ageDays: 31 });
    expect(receipt.nationalLists.sources.find((s: any) => s.source === 'procurement-serious-violations')).toMatchObject({ listDate: null, stale: true });
  });
});
