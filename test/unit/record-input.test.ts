import { describe, expect, it } from 'vitest';
import { recordDateProblems } from '../../shared/records/record-dates.ts';
import { recordInput, recordSubjectId, type RecordInput } from '../../shared/records/record-input.ts';
import { recordKinds, type RecordKind } from '../../shared/config/record-kinds.ts';
import { residentIdCheckDigit as checkDigit } from '../../shared/subjects/resident-id.ts';

const company = { name: '某某建材有限公司', category: 'legalPerson', uscc: '91410425MA45E8TH52', legalRepresentative: '张三' };
const common = {
  subject: company,
  decisionNumber: '郏市监罚〔2026〕12号',
  decisionDate: '2026-03-31',
  authority: { name: '郏县市场监督管理局', uscc: '91350100M000100Y43' },
  sourceDepartment: '郏县市场监督管理局',
};

/** A valid record of each kind, and one field only that kind requires. */
const examples: Record<RecordKind, { body: Record<string, unknown>; required: string }> = {
  licence: {
    body: {
      licenceDocumentName: '食品经营许可决定书',
      licenceCategory: '普通',
      certificateName: '食品经营许可证',
      certificateNumber: 'JY14104250012345',
      licenceContent: '预包装食品销售',
      validFrom: '2026-03-31',
      validTo: '2031-03-30',
    },
    required: 'licenceContent',
  },
  penalty: {
    body: {
      violationType: '销售过期食品',
      facts: '当事人销售超过保质期的食品。',
      legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
      penaltyCategories: ['warning', 'fine'],
      penaltyContent: '警告，罚款5000元',
      fineAmountYuan: 5000.5,
      area: 'food',
    },
    required: 'penaltyCategories',
  },
  enforcement: { body: { content: '查封涉案物品', legalBasis: '《行政强制法》第二十二条' }, required: 'content' },
  levy: { body: { content: '征收城镇土地使用税' }, required: 'content' },
  confirmation: { body: { content: '确认为高新技术企业' }, required: 'content' },
  reward: { body: { content: '授予“守合同重信用”称号' }, required: 'content' },
  judgment: { body: { court: '郏县人民法院', caseNumber: '（2026）豫0425民初123号', content: '判决被告支付货款' }, required: 'court' },
  dishonestDebtor: {
    body: {
      court: '郏县人民法院',
      caseNumber: '（2026）豫0425执45号',
      obligation: '支付货款10万元',
      performanceStatus: 'unperformed',
      listedUntil: '2028-03-31',
    },
    required: 'performanceStatus',
  },
  commitment: { body: { commitmentType: '告知承诺', content: '承诺所报材料真实有效', matterReference: '食品经营许可' }, required: 'commitmentType' },
  commitmentBreach: {
    body: { commitmentDecisionNumber: '郏承〔2025〕7号', breachFacts: '承诺后未按期补齐材料', content: '撤销许可' },
    required: 'breachFacts',
  },
  redList: { body: { listName: 'A级纳税人', listingBasis: '2025年度纳税信用评价' }, required: 'listingBasis' },
  blackList: {
    body: { listName: 'serious-dishonesty', listingBasis: '拒不履行法定义务，情节严重', listedUntil: '2029-03-31' },
    required: 'listedUntil',
  },
};

const record = (kind: string, body: Record<string, unknown> = examples[kind as RecordKind].body) => ({ kind, ...common, ...body });
const firstIssue = (value: unknown) => {
  const result = recordInput.safeParse(value);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
};

describe('record input', () => {
  it('has an example for every kind', () => {
    expect(Object.keys(examples).sort()).toEqual([...recordKinds].sort());
  });

  for (const kind of recordKinds) {
    it(`accepts a valid ${kind} record and names a missing required field`, () => {
      const parsed = recordInput.parse(record(kind));
      expect(parsed.kind).toBe(kind);
      expect(parsed.subject.uscc).toBe('91410425MA45E8TH52');
      const { [examples[kind].required]: _dropped, ...rest } = examples[kind].body;
      expect(firstIssue(record(kind, rest))).toEqual({ path: examples[kind].required, message: 'is required' });
    });
  }

  it('trims strings and normalises codes', () => {
    const parsed = recordInput.parse(
      record('levy', { content: '  征收土地使用税 ' , subject: { ...company, name: ' 某某建材有限公司 ', uscc: '９１４１０４２５ｍａ４５ｅ８ｔｈ５２' } }),
    );
    expect(parsed.subject.name).toBe('某某建材有限公司');
    expect(parsed.subject.uscc).toBe('91410425MA45E8TH52');
    expect(parsed.kind === 'levy' && parsed.content).toBe('征收土地使用税');
  });

  it('names the common fields when missing', () => {
    const { decisionNumber: _n, ...noNumber } = record('reward');
    expect(firstIssue(noNumber)).toEqual({ path: 'decisionNumber', message: 'is required' });
    expect(firstIssue({ ...record('reward'), authority: { name: '某局' } })).toEqual({ path: 'authority.uscc', message: 'is required' });
    expect(firstIssue({ ...record('reward'), decisionDate: '2026-02-30' })).toEqual({
      path: 'decisionDate',
      message: 'must be a real date written YYYY-MM-DD',
    });
  });

  it('refuses an unknown or missing kind', () => {
    expect(firstIssue(record('fine', examples.penalty.body))).toEqual({
      path: 'kind',
      message: `must be one of: ${recordKinds.join(', ')}`,
    });
    const { kind: _kind, ...noKind } = record('penalty');
    expect(firstIssue(noKind)).toEqual({ path: 'kind', message: 'is required' });
  });

  it('refuses a negative fine and amounts with more than 2 decimals', () => {
    expect(firstIssue(record('penalty', { ...examples.penalty.body, fineAmountYuan: -1 }))).toEqual({
      path: 'fineAmountYuan',
      message: 'must not be negative',
    });
    expect(firstIssue(record('penalty', { ...examples.penalty.body, confiscationAmountYuan: 12.345 }))).toEqual({
      path: 'confiscationAmountYuan',
      message: 'must have at most 2 decimal places',
    });
    expect(recordInput.safeParse(record('penalty', { ...examples.penalty.body, fineAmountYuan: 0.29 })).success).toBe(true);
  });

  it('refuses an empty list of penalty categories and an unknown category', () => {
    expect(firstIssue(record('penalty', { ...examples.penalty.body, penaltyCategories: [] }))).toEqual({
      path: 'penaltyCategories',
      message: 'must name at least one penalty category',
    });
    expect(firstIssue(record('penalty', { ...examples.penalty.body, penaltyCategories: ['fine', 'flogging'] })).path).toBe(
      'penaltyCategories.1',
    );
  });

  it('refuses unknown keys, naming them', () => {
    expect(firstIssue({ ...record('licence'), validUntil: '2031-03-30' })).toEqual({
      path: '',
      message: '"validUntil" is not a field of a licence record',
    });
    expect(firstIssue({ ...record('licence'), subject: { ...company, phone: '123' } })).toEqual({
      path: 'subject',
      message: '"phone" is not a field of a subject',
    });
  });

  it('checks which code identifies each category of subject', () => {
    const person = { name: '李四', category: 'naturalPerson', residentId: '11010519491231002x' };
    expect(recordSubjectId(recordInput.parse({ ...record('reward'), subject: person }))).toEqual({
      type: 'residentId',
      id: '11010519491231002X',
    });
    expect(firstIssue({ ...record('reward'), subject: { ...person, uscc: '91410425MA45E8TH52' } })).toEqual({
      path: 'subject.uscc',
      message: 'must be absent for a natural person: give residentId',
    });
    expect(firstIssue({ ...record('reward'), subject: { name: '李四', category: 'naturalPerson' } })).toEqual({
      path: 'subject.residentId',
      message: 'is required for a natural person',
    });
    const { uscc: _u, ...companyWithoutCode } = company;
    expect(firstIssue({ ...record('reward'), subject: companyWithoutCode })).toEqual({
      path: 'subject.uscc',
      message: 'is required for a legal person',
    });
    expect(firstIssue({ ...record('reward'), subject: { name: '某某小吃店', category: 'individualBusiness' } }).path).toBe('subject.uscc');
    const shop = recordInput.parse({ ...record('reward'), subject: { name: '某某小吃店', category: 'individualBusiness', residentId: '410425199003071231' } });
    expect(recordSubjectId(shop)).toEqual({ type: 'residentId', id: '410425199003071231' });
    expect(recordSubjectId(recordInput.parse(record('reward')))).toEqual({ type: 'uscc', id: '91410425MA45E8TH52' });
    expect(firstIssue({ ...record('reward'), subject: { ...company, uscc: '91410425MA45E8TH53' } })).toEqual({
      path: 'subject.uscc',
      message: 'check character should be 2',
    });
  });

  it('requires a kebab-case id for a black list', () => {
    expect(firstIssue(record('blackList', { ...examples.blackList.body, listName: '严重失信主体名单' })).path).toBe('listName');
    expect(recordInput.safeParse(record('blackList', { ...examples.blackList.body, listName: 'major-tax-violation' })).success).toBe(true);
  });

  it('refuses a licence valid to before it is valid from', () => {
    expect(firstIssue(record('licence', { ...examples.licence.body, validTo: '2026-03-30' }))).toEqual({
      path: 'validTo',
      message: 'must not be before validFrom (2026-03-31)',
    });
  });
});

describe('record dates that need today', () => {
  const parse = (kind: RecordKind, extra: Record<string, unknown> = {}): RecordInput =>
    recordInput.parse({ ...record(kind), ...extra });

  it('refuses a decision after today', () => {
    expect(recordDateProblems(parse('penalty'), '2026-03-30')).toEqual([
      { field: 'decisionDate', rule: 'must not be after today (2026-03-30)' },
    ]);
    expect(recordDateProblems(parse('penalty'), '2026-03-31')).toEqual([]);
  });

  it('refuses listing and validity ends before the decision', () => {
    expect(recordDateProblems(parse('blackList', { listedUntil: '2026-03-30' }), '2026-04-01')).toEqual([
      { field: 'listedUntil', rule: 'must not be before decisionDate (2026-03-31)' },
    ]);
    expect(
      recordDateProblems(parse('licence', { validFrom: '2025-01-01', validTo: '2026-03-01' }), '2026-04-01'),
    ).toEqual([{ field: 'validTo', rule: 'must not be before decisionDate (2026-03-31)' }]);
    expect(recordDateProblems(parse('penalty', { publicityPeriodEnd: '2026-01-01' }), '2026-04-01')[0]?.field).toBe(
      'publicityPeriodEnd',
    );
  });
});

describe("the national standard's further fields (issue 15 §2)", () => {
  const representative = '11010519491231002X';
  const withRepresentative = (extra: Record<string, unknown>) => ({ ...record('penalty'), subject: { ...company, ...extra } });
  const parse = (kind: RecordKind, extra: Record<string, unknown> = {}): RecordInput => recordInput.parse({ ...record(kind), ...extra });

  it("takes the legal representative's identity document: a resident ID checked and normalised, another document as typed", () => {
    const parsed = recordInput.parse(withRepresentative({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: ' 110105 19491231 002x ' }));
    expect(parsed.subject).toMatchObject({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: representative });
    const passport = recordInput.parse(withRepresentative({ legalRepresentativeIdType: 'passport', legalRepresentativeIdNumber: 'E12345678' }));
    expect(passport.subject).toMatchObject({ legalRepresentativeIdType: 'passport', legalRepresentativeIdNumber: 'E12345678' });
  });

  it('refuses a type without a number, a number without a type, a bad resident ID, an unknown type and a number too long', () => {
    expect(firstIssue(withRepresentative({ legalRepresentativeIdType: 'residentId' }))).toEqual({
      path: 'subject.legalRepresentativeIdNumber',
      message: 'is required when legalRepresentativeIdType is given',
    });
    expect(firstIssue(withRepresentative({ legalRepresentativeIdNumber: representative }))).toEqual({
      path: 'subject.legalRepresentativeIdNumber',
      message: 'must come with legalRepresentativeIdType (the type of the document it is the number of)',
    });
    const bad = firstIssue(withRepresentative({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: '110105194912310021' }));
    expect(bad.path).toBe('subject.legalRepresentativeIdNumber');
    expect(bad.message).toMatch(/check .*\(legalRepresentativeIdType is residentId\)$/);
    expect(bad.message).not.toContain('110105194912310021');
    expect(firstIssue(withRepresentative({ legalRepresentativeIdType: 'drivingLicence', legalRepresentativeIdNumber: 'A1' })).path).toBe(
      'subject.legalRepresentativeIdType',
    );
    expect(firstIssue(withRepresentative({ legalRepresentativeIdType: 'passport', legalRepresentativeIdNumber: 'E'.repeat(51) }))).toEqual({
      path: 'subject.legalRepresentativeIdNumber',
      message: 'must be at most 50 characters',
    });
  });

  it('a resident ID as the representative\'s number: a birth date after today is refused with the other date rules', () => {
    const future = `11010520270101001`;
    const parsed = recordInput.parse(withRepresentative({ legalRepresentativeIdType: 'residentId', legalRepresentativeIdNumber: future + checkDigit(future) }));
    expect(recordDateProblems(parsed, '2026-04-01')).toEqual([{ field: 'subject.legalRepresentativeIdNumber', rule: expect.stringContaining('after today') }]);
  });

  it('takes the suspended or revoked licence and 处罚有效期, not before the decision', () => {
    const parsed = recordInput.parse(record('penalty', { ...examples.penalty.body, licenceSuspendedOrRevoked: '食品经营许可证 JY14104250099', penaltyValidUntil: '2026-09-30' }));
    expect(parsed).toMatchObject({ licenceSuspendedOrRevoked: '食品经营许可证 JY14104250099', penaltyValidUntil: '2026-09-30' });
    expect(recordDateProblems(parsed, '2026-04-01')).toEqual([]);
    expect(recordDateProblems(parse('penalty', { penaltyValidUntil: '2026-03-30' }), '2026-04-01')).toEqual([
      { field: 'penaltyValidUntil', rule: 'must not be before decisionDate (2026-03-31)' },
    ]);
    expect(firstIssue(record('penalty', { ...examples.penalty.body, penaltyValidUntil: '2026-02-30' })).path).toBe('penaltyValidUntil');
    expect(firstIssue(record('penalty', { ...examples.penalty.body, licenceSuspendedOrRevoked: '证'.repeat(201) })).path).toBe('licenceSuspendedOrRevoked');
    expect(firstIssue(record('licence', { ...examples.licence.body, penaltyValidUntil: '2026-09-30' })).message).toBe('"penaltyValidUntil" is not a field of a licence record');
  });

  it("takes the data source's USCC on every kind, checked as a USCC", () => {
    for (const kind of recordKinds)
      expect(recordInput.parse({ ...record(kind), sourceDepartmentUscc: '９１３５０１００m000100y43' }).sourceDepartmentUscc, kind).toBe('91350100M000100Y43');
    expect(firstIssue({ ...record('levy'), sourceDepartmentUscc: '91350100M000100Y44' }).path).toBe('sourceDepartmentUscc');
  });
});
