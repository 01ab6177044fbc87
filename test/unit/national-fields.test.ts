import { describe, expect, it } from 'vitest';
import { columnOf, halfWidth, nationalColumns, readDate, rowToRecord, wanYuanToYuan } from '../../shared/records/national-fields.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

/** The national dual-publicity fields (issue 15 §2): the columns in the standard's order, and rows read as people type them. */
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const company = uscc('91410425MA45E8TH5');
const authority = uscc('11410425MB0000001');
const personId = `41042519900307001${residentIdCheckDigit('41042519900307001')}`;
const representativeId = `41042519751112002${residentIdCheckDigit('41042519751112002')}`;

const penaltyRow = (overrides: Record<string, string | undefined> = {}) => ({
  行政相对人名称: '郏县（示例）建材有限公司',
  行政相对人类别: '法人及非法人组织',
  统一社会信用代码: company,
  法定代表人: '王某',
  行政处罚决定书文号: '郏市监罚〔2026〕88号',
  违法行为类型: '销售不合格产品',
  违法事实: '抽检不合格',
  处罚依据: '《中华人民共和国产品质量法》第四十九条',
  处罚类别: '罚款；没收违法所得',
  处罚内容: '罚款人民币一万二千三百四十五元六角七分，没收违法所得',
  '罚款金额（万元）': '1.234567',
  '没收违法所得、没收非法财物的金额（万元）': '0.05',
  处罚决定日期: '2026/5/6',
  处罚机关: '郏县市场监督管理局',
  处罚机关统一社会信用代码: authority,
  数据来源单位: '郏县市场监督管理局',
  ...overrides,
});

const licenceRow = (): Record<string, string | undefined> => ({
  行政相对人名称: '郏县示例食品店',
  行政相对人类别: '个体工商户',
  统一社会信用代码: uscc('92410425MA45E8TH5'),
  行政许可决定文书名称: '食品经营许可决定书',
  行政许可决定文书号: '郏市监许〔2026〕12号',
  许可类别: '普通',
  许可证书名称: '食品经营许可证',
  许可编号: 'JY14104250099',
  许可内容: '预包装食品销售',
  许可决定日期: '2026年5月6日',
  有效期自: '2026-05-06',
  有效期至: '',
  许可机关: '郏县市场监督管理局',
  许可机关统一社会信用代码: authority,
  当前状态: '有效',
  数据来源单位: '郏县市场监督管理局',
});

describe('the national columns', () => {
  it('行政处罚: the 30 columns in the order the standard publishes them', () => {
    expect(nationalColumns.penalty.map((c) => c.header)).toEqual([
      '行政相对人名称', '行政相对人类别', '统一社会信用代码', '工商注册号', '组织机构代码', '税务登记号', '事业单位证书号', '社会组织登记证号',
      '法定代表人', '法定代表人证件类型', '法定代表人证件号码', '证件类型', '证件号码', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据',
      '处罚类别', '处罚内容', '罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）', '暂扣或吊销证照名称及编号', '处罚决定日期', '处罚有效期',
      '公示截止期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码', '备注',
    ]);
  });

  it('行政许可: the subject columns, then the licence\'s own, each header once', () => {
    const headers = nationalColumns.licence.map((c) => c.header);
    expect(headers.slice(0, 13)).toEqual(nationalColumns.penalty.slice(0, 13).map((c) => c.header));
    expect(headers.slice(13)).toEqual([
      '行政许可决定文书名称', '行政许可决定文书号', '许可类别', '许可证书名称', '许可编号', '许可内容', '许可决定日期', '有效期自', '有效期至',
      '许可机关', '许可机关统一社会信用代码', '当前状态', '数据来源单位', '数据来源单位统一社会信用代码', '备注',
    ]);
    for (const kind of ['penalty', 'licence'] as const) expect(new Set(nationalColumns[kind].map((c) => c.header)).size).toBe(nationalColumns[kind].length);
  });
});

describe('what people type', () => {
  it('full-width digits, letters and signs become half-width; Chinese punctuation in text is not touched', () => {
    expect(halfWidth('９１４１０４２５ＭＡ４５Ｅ８ＴＨ５２')).toBe('91410425MA45E8TH52');
    expect(halfWidth('２０２６－０５－０６')).toBe('2026-05-06');
    expect(halfWidth('a\u3000b')).toBe('a b');
  });

  it('dates written several ways', () => {
    for (const written of ['2026-05-06', '2026/5/6', '2026.5.6', '2026年5月6日', '20260506', '２０２６年５月６日', ' 2026-5-6 '])
      expect(readDate(written), written).toBe('2026-05-06');
    for (const bad of ['5/6/2026', '2026-5', '二〇二六年五月六日', '45783']) expect(readDate(bad), bad).toBeUndefined();
  });

  it('amounts in 万元 to yuan exactly, to the fen', () => {
    expect(wanYuanToYuan('1.234567')).toBe(12345.67);
    expect(wanYuanToYuan('0.000001')).toBe(0.01);
    expect(wanYuanToYuan('1.5')).toBe(15000);
    expect(wanYuanToYuan('３')).toBe(30000);
    expect(wanYuanToYuan('1,200')).toBe(12_000_000);
    expect(wanYuanToYuan('0.1')! + wanYuanToYuan('0.2')!).toBe(3000);
    for (const bad of ['0.0000001', '-1', '1e3', '一万', '']) expect(wanYuanToYuan(bad), bad).toBeUndefined();
  });
});

describe('a row as a record', () => {
  it('a full 行政处罚 row: the record the API would take, amounts in yuan, categories mapped', () => {
    const result = rowToRecord('penalty', penaltyRow());
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      kind: 'penalty',
      subject: { name: '郏县（示例）建材有限公司', category: 'legalPerson', uscc: company, legalRepresentative: '王某' },
      decisionNumber: '郏市监罚〔2026〕88号',
      decisionDate: '2026-05-06',
      penaltyCategories: ['fine', 'confiscation'],
      fineAmountYuan: 12345.67,
      confiscationAmountYuan: 500,
      authority: { name: '郏县市场监督管理局', uscc: authority },
      sourceDepartment: '郏县市场监督管理局',
    });
  });

  it('codes typed with full-width characters, spaces and lower case are read as the code', () => {
    const typed = halfWidth(company).replace(/(.{6})/g, '$1 ').toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const result = rowToRecord('penalty', penaltyRow({ 统一社会信用代码: typed }));
    expect(result.ok && result.input.subject.uscc).toBe(company);
  });

  it('a natural person by 身份证 and its number', () => {
    const result = rowToRecord('penalty', penaltyRow({ 行政相对人名称: '张某某', 行政相对人类别: '自然人', 统一社会信用代码: undefined, 证件类型: '身份证', 证件号码: personId }));
    expect(result.ok && result.input.subject).toMatchObject({ category: 'naturalPerson', residentId: personId });
  });

  it('each problem named by its column, all of them at once', () => {
    const result = rowToRecord('penalty', penaltyRow({ 处罚决定日期: '五月六日', 处罚类别: '罚款；训诫', '罚款金额（万元）': '1.2345678', 证件类型: '护照' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.column).sort()).toEqual(['处罚决定日期', '处罚类别', '罚款金额（万元）', '证件类型'].sort());
    expect(result.problems.find((p) => p.column === '处罚类别')!.message).toContain('训诫');
  });

  it('the API schema\'s own rules, named by the column they came from', () => {
    const missing = rowToRecord('penalty', penaltyRow({ 行政处罚决定书文号: undefined }));
    expect(!missing.ok && missing.problems).toEqual([{ column: '行政处罚决定书文号', message: 'is required' }]);
    const badCode = rowToRecord('penalty', penaltyRow({ 处罚机关统一社会信用代码: `${authority.slice(0, 17)}${authority.endsWith('0') ? '1' : '0'}` }));
    expect(!badCode.ok && badCode.problems[0]!.column).toBe('处罚机关统一社会信用代码');
    const orgWithoutCode = rowToRecord('penalty', penaltyRow({ 统一社会信用代码: undefined }));
    expect(!orgWithoutCode.ok && orgWithoutCode.problems[0]).toMatchObject({ column: '统一社会信用代码' });
  });

  it('a 行政许可 row, long-term valid when 有效期至 is empty', () => {
    const result = rowToRecord('licence', licenceRow());
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.input).toMatchObject({ kind: 'licence', licenceCategory: '普通', decisionDate: '2026-05-06', validFrom: '2026-05-06' });
    expect(result.ok && 'validTo' in result.input && result.input.validTo).toBeFalsy();
  });

  it('the columns once ignored are fields now: only the legacy registration numbers and a licence\'s 当前状态 are not kept', () => {
    const ignored = (kind: 'penalty' | 'licence') => nationalColumns[kind].filter((c) => 'ignored' in c.read).map((c) => c.header);
    const legacy = ['工商注册号', '组织机构代码', '税务登记号', '事业单位证书号', '社会组织登记证号'];
    expect(ignored('penalty')).toEqual(legacy);
    expect(ignored('licence')).toEqual([...legacy, '当前状态']);
  });

  it("the legal representative's identity document, the suspended or revoked licence, 处罚有效期 and the data source's code", () => {
    const source = uscc('11410425MB0000002');
    const result = rowToRecord(
      'penalty',
      penaltyRow({
        法定代表人证件类型: '居民身份证',
        // Full-width digits, a space and a lower-case x, as an IME types them.
        法定代表人证件号码: halfWidth(representativeId).replace(/X$/, 'x').replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/^(.{6})/, '$1 '),
        处罚类别: '罚款；暂扣许可证件',
        暂扣或吊销证照名称及编号: '食品经营许可证 JY14104250099',
        处罚有效期: '２０２６年１１月６日',
        数据来源单位统一社会信用代码: ` ${source.toLowerCase()} `,
      }),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.input).toMatchObject({
      subject: { legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: representativeId },
      penaltyCategories: ['fine', 'suspendLicence'],
      licenceSuspendedOrRevoked: '食品经营许可证 JY14104250099',
      penaltyValidUntil: '2026-11-06',
      sourceDepartmentUscc: source,
    });
    const passport = rowToRecord('penalty', penaltyRow({ 法定代表人证件类型: '护照', 法定代表人证件号码: 'ｅ１２３４５６７８' }));
    expect(passport.ok && passport.input.subject).toMatchObject({ legalRepresentativeIdType: 'passport', legalRepresentativeIdNumber: 'E12345678' });
    const licence = rowToRecord('licence', { ...licenceRow(), 数据来源单位统一社会信用代码: source, 法定代表人证件类型: '台胞证', 法定代表人证件号码: '01234567' });
    expect(licence.ok && licence.input).toMatchObject({ sourceDepartmentUscc: source, subject: { legalRepresentativeIdType: 'taiwanPermit', legalRepresentativeIdNumber: '01234567' } });
  });

  it("a wrong representative's ID number, a type without a number and an unknown type: each named by its column", () => {
    const wrongCheck = `${representativeId.slice(0, 17)}${representativeId.endsWith('0') ? '1' : '0'}`;
    const bad = rowToRecord('penalty', penaltyRow({ 法定代表人证件类型: '身份证', 法定代表人证件号码: wrongCheck }));
    expect(!bad.ok && bad.problems).toEqual([{ column: '法定代表人证件号码', message: expect.stringContaining('check') }]);
    expect(JSON.stringify(bad)).not.toContain(wrongCheck);
    const noNumber = rowToRecord('penalty', penaltyRow({ 法定代表人证件类型: '身份证' }));
    expect(!noNumber.ok && noNumber.problems).toEqual([{ column: '法定代表人证件号码', message: 'is required when legalRepresentativeIdType is given' }]);
    const noType = rowToRecord('penalty', penaltyRow({ 法定代表人证件号码: representativeId }));
    expect(!noType.ok && noType.problems).toEqual([{ column: '法定代表人证件号码', message: 'must come with legalRepresentativeIdType (the type of the document it is the number of)' }]);
    const unknown = rowToRecord('penalty', penaltyRow({ 法定代表人证件类型: '驾驶证', 法定代表人证件号码: 'A1' }));
    expect(!unknown.ok && unknown.problems.map((p) => p.column)).toEqual(['法定代表人证件类型']);
    const badDate = rowToRecord('penalty', penaltyRow({ 处罚有效期: '半年' }));
    expect(!badDate.ok && badDate.problems.map((p) => p.column)).toEqual(['处罚有效期']);
    const badSource = rowToRecord('penalty', penaltyRow({ 数据来源单位统一社会信用代码: '12345' }));
    expect(!badSource.ok && badSource.problems.map((p) => p.column)).toEqual(['数据来源单位统一社会信用代码']);
  });

  it('a schema path is told by the nearest column it was read from', () => {
    expect(columnOf('penalty', ['subject', 'uscc'])).toBe('统一社会信用代码');
    expect(columnOf('penalty', ['penaltyCategories', '0'])).toBe('处罚类别');
    expect(columnOf('licence', ['validTo'])).toBe('有效期至');
    expect(columnOf('penalty', ['nonPublication', 'reason'])).toBe('nonPublication.reason');
  });
});
