/**
 * The record entry form built from the record schema (shared/records/record-form.ts over the JSON Schema zod
 * writes of `recordInput`), and the schema's rules in Chinese (shared/records/problem-messages.ts).
 */
import { describe, expect, it } from 'vitest';
import { recordKinds } from '../../shared/config/record-kinds.ts';
import { describeProblem, ruleInChinese } from '../../shared/records/problem-messages.ts';
import { recordInputJsonSchema } from '../../shared/records/record-form-schema.ts';
import { describedLabel, fieldLabelOf, fieldsByPath, formSchemaOf, recordFormOf, recordFromValues, valuesFromRecord } from '../../shared/records/record-form.ts';
import { recordProblems } from '../../shared/records/record-problems.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

const schema = recordInputJsonSchema();
const uscc = (body: string) => `91410425${body}${usccCheckCharacter(`91410425${body}`)}`;
const today = '2026-11-23';

describe('the record form, from the schema', () => {
  it('has a form for every kind, with the fields the schema has and no kind field', () => {
    for (const kind of recordKinds) {
      const form = recordFormOf(schema, kind)!;
      expect(form.kind).toBe(kind);
      const paths = [...fieldsByPath(form.fields).keys()];
      expect(paths).toContain('subject.uscc');
      expect(paths).toContain('decisionDate');
      expect(paths).not.toContain('kind');
    }
    expect(recordFormOf(schema, 'nonsense')).toBeUndefined();
  });

  it('labels fields in Chinese from .describe(), enums as selects with Chinese options, arrays of enums as boxes, dates, numbers, groups', () => {
    const fields = fieldsByPath(recordFormOf(schema, 'penalty')!.fields);
    expect(fields.get('subject')).toMatchObject({ control: 'group', label: '行政相对人', required: true });
    expect(fields.get('subject.uscc')).toMatchObject({ control: 'text', label: '统一社会信用代码（18位）', required: false });
    expect(fields.get('subject.category')).toMatchObject({ control: 'select', label: '行政相对人类别' });
    expect((fields.get('subject.category') as { options: unknown }).options).toEqual([
      { value: 'legalPerson', label: '法人' },
      { value: 'otherOrganisation', label: '非法人组织' },
      { value: 'individualBusiness', label: '个体工商户' },
      { value: 'naturalPerson', label: '自然人' },
    ]);
    expect(fields.get('decisionDate')).toMatchObject({ control: 'date', label: '决定日期', hint: '北京时间', required: true });
    expect(fields.get('decisionNumber')).toMatchObject({ control: 'text', label: '决定文书号', maxLength: 100 });
    expect(fields.get('facts')).toMatchObject({ control: 'textarea', label: '违法事实', required: true });
    expect(fields.get('fineAmountYuan')).toMatchObject({ control: 'number', label: '罚款金额（元）', min: 0 });
    expect(fields.get('summaryProcedure')).toMatchObject({ control: 'boolean' });
    const categories = fields.get('penaltyCategories') as { control: string; options: { value: string; label: string }[] };
    expect(categories.control).toBe('checkboxes');
    expect(categories.options.find((o) => o.value === 'fine')?.label).toBe('罚款');
    expect(fields.get('nonPublication')).toMatchObject({ control: 'group', required: false });
    expect(fields.get('nonPublication.reason')).toMatchObject({ control: 'select', required: true });
  });

  it('gives the browser the same form from a schema whose descriptions keep only their Chinese part', () => {
    const cut = formSchemaOf(schema);
    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(schema).length);
    expect(JSON.stringify(cut)).not.toContain('decision date');
    for (const kind of recordKinds) expect(recordFormOf(cut, kind)).toEqual(recordFormOf(schema, kind));
  });

  it('splits a description into label and hint', () => {
    expect(describedLabel('有效期至 YYYY-MM-DD（长期有效不填）/ valid until', 'x')).toEqual({ label: '有效期至', hint: '长期有效不填' });
    expect(describedLabel('公民身份号码（自然人、无统一代码的个体工商户）/ resident ID number', 'x')).toEqual({ label: '公民身份号码', hint: '自然人、无统一代码的个体工商户' });
    expect(describedLabel(undefined, 'remarks')).toEqual({ label: 'remarks' });
  });

  it('makes the record from the values: empties left out, numbers as numbers, 是/否 as booleans, an empty optional group left out, a required one sent', () => {
    const form = recordFormOf(schema, 'penalty')!;
    const values: Record<string, string | string[]> = { 'subject.name': ' 某公司 ', decisionDate: '2026-11-03', fineAmountYuan: '2000.5', summaryProcedure: 'false', penaltyCategories: ['fine'], remarks: '', 'nonPublication.note': '' };
    const record = recordFromValues(form, (path) => values[path]);
    expect(record).toEqual({ kind: 'penalty', subject: { name: '某公司' }, decisionDate: '2026-11-03', authority: {}, fineAmountYuan: 2000.5, summaryProcedure: false, penaltyCategories: ['fine'] });
    expect(recordFromValues(form, (path) => (path === 'fineAmountYuan' ? '两千' : undefined)).fineAmountYuan).toBe('两千');
  });

  it('reads a stored record back into values, leaving masked numbers empty', () => {
    const values = valuesFromRecord({ kind: 'penalty', subject: { name: '张三', residentId: '410425********1234' }, penaltyCategories: ['fine'], fineAmountYuan: 200, summaryProcedure: true });
    expect(Object.fromEntries(values)).toEqual({ kind: 'penalty', 'subject.name': '张三', penaltyCategories: ['fine'], fineAmountYuan: '200', summaryProcedure: 'true' });
  });
});

describe('problems in Chinese, naming the field', () => {
  it('names a field by its Chinese label, the nearest one for a deeper path', () => {
    expect(fieldLabelOf(schema, 'penalty', 'subject.uscc')).toBe('统一社会信用代码（18位）');
    expect(fieldLabelOf(schema, 'penalty', 'authority.uscc')).toBe('决定机关统一社会信用代码');
    expect(fieldLabelOf(schema, 'penalty', 'penaltyCategories.0')).toBe('处罚类别（可多选）');
    expect(fieldLabelOf(schema, undefined, '(record)')).toBe('记录');
    expect(fieldLabelOf(schema, 'penalty', 'kind')).toBe('信用记录类别');
  });

  it('words the common rules in Chinese, and leaves an unknown rule as the schema says it', () => {
    expect(ruleInChinese('is required')).toBe('必须填写');
    expect(ruleInChinese('must be at most 200 characters')).toBe('不能超过 200 个字符');
    expect(ruleInChinese('check character should be Q')).toBe('校验码错误，应为 Q');
    expect(ruleInChinese('must not be after today (2026-11-23)')).toBe('不能晚于今天（2026-11-23）');
    expect(ruleInChinese('must come with legalRepresentativeIdType (the type of the document it is the number of)', (p) => (p === 'subject.legalRepresentativeIdType' ? '法定代表人证件类型' : p))).toBe('须同时填写法定代表人证件类型');
    expect(ruleInChinese('must not be before decisionDate (2026-11-03)', (f) => (f === 'decisionDate' ? '决定日期' : f))).toBe('不能早于决定日期（2026-11-03）');
    expect(ruleInChinese('is required for a legal person')).toBe('法人必须填写');
    expect(ruleInChinese('check digit should be 7 (legalRepresentativeIdType is residentId)')).toBe('校验码错误，应为 7（证件类型为身份证）');
    expect(ruleInChinese('something new')).toBe('something new');
  });

  it('answers every problem of a record, as a push would see the first, each with its message', () => {
    const company = uscc('MA45E8TH5');
    const record = {
      kind: 'penalty',
      subject: { name: '某公司', category: 'legalPerson', uscc: `${company.slice(0, 17)}${company[17] === 'X' ? 'Y' : 'X'}` },
      decisionNumber: '罚〔2026〕1号',
      decisionDate: '2026-11-03',
      authority: { name: '郏县市场监督管理局', uscc: company },
      sourceDepartment: '郏县市场监督管理局',
      violationType: '虚假宣传',
      facts: '',
      legalBasis: '《反不正当竞争法》',
      penaltyCategories: [],
      penaltyContent: '罚款',
    };
    const checked = recordProblems(record, today);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field)).toEqual(['subject.uscc', 'facts', 'penaltyCategories']);
    const messages = checked.problems.map((p) => describeProblem(schema, 'penalty', p).message);
    expect(messages[0]).toMatch(/^统一社会信用代码（18位）：校验码错误，应为 [0-9A-Z]$/);
    expect(messages.slice(1)).toEqual(['违法事实：不能为空', '处罚类别（可多选）：至少选择一项处罚类别']);
  });
});
