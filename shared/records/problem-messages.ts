import { fieldLabelOf, type JsonSchema } from './record-form.ts';
import type { RecordProblem } from './record-problems.ts';

/**
 * The schema's rules in Chinese, in this one place: the record schema (record-input.ts) and the code and date
 * rules it uses word their problems in English, as the API answers them (`subject.uscc: must …`); the console
 * shows a clerk `统一社会信用代码：校验码错误，应为 X`. A rule not listed here is shown as the schema words it.
 * `field` names another field of the record in Chinese (`decisionDate` → 决定日期).
 */
type Translation = [RegExp, (m: RegExpExecArray, field: (name: string) => string) => string];

const who: Record<string, string> = {
  'a legal person': '法人',
  'another organisation': '非法人组织',
  'an individual business': '个体工商户',
  'a natural person': '自然人',
};

const translations: Translation[] = [
  [/^is required$/, () => '必须填写'],
  [/^must be a string$/, () => '应填写文字'],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be at most (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^must be one of: /, () => '请从列表中选择'],
  [/^must be a number$/, () => '应填写数字'],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must be at most (\d+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must have at most 2 decimal places$/, () => '最多保留两位小数'],
  [/^must be a date written YYYY-MM-DD$/, () => '应为日期（年-月-日）'],
  [/^must be a real date written YYYY-MM-DD$/, () => '不是真实存在的日期'],
  [/^must not be after today \((.+)\)$/, (m) => `不能晚于今天（${m[1]}）`],
  [/^must not be before (\d{4}-\d{2}-\d{2})$/, (m) => `不能早于 ${m[1]}`],
  [/^must not be after (\d{4}-\d{2}-\d{2})$/, (m) => `不能晚于 ${m[1]}`],
  [/^must not be before (\w+) \((.+)\)$/, (m, field) => `不能早于${field(m[1]!)}（${m[2]}）`],
  [/^must name at least one penalty category$/, () => '至少选择一项处罚类别'],
  [/^must be a list$/, () => '应选择一项或多项'],
  [/^must be true or false$/, () => '应选择“是”或“否”'],
  [/^must be an object$/, () => '格式不正确'],
  [/^(.+) (?:is not a field|are not fields) of /, (m) => `含有不属于该类记录的字段：${m[1]}`],
  [/^is required for an individual business/, () => '个体工商户必须填写（无统一社会信用代码的，填写经营者的公民身份号码）'],
  [/^is required for (.+)$/, (m) => `${who[m[1]!] ?? m[1]}必须填写`],
  [/^must be absent for a natural person: give residentId$/, (_m, field) => `自然人不填写此项，请填写${field('subject.residentId')}`],
  [/^is required when (\w+) is given$/, (m, field) => `填写了${field(`subject.${m[1]}`)}时必须填写`],
  [/^must come with (\w+) \(/, (m, field) => `须同时填写${field(`subject.${m[1]}`)}`],
  [/^must be 18 characters(?: \(.*\))?, not (\d+)$/, (m) => `应为 18 位，现为 ${m[1]} 位`],
  [/^must contain only digits and the capital letters .*: character (\d+) is "(.+)"$/, (m) => `只能由数字和大写字母组成（不含 I、O、Z、S、V）：第 ${m[1]} 位是“${m[2]}”`],
  [/^character 1 \(registration authority.*, not "(.+)"$/, (m) => `第 1 位（登记管理部门代码）不能是“${m[1]}”`],
  [/^character 2 \(institution category\) .* not "(.+)"/, (m) => `第 2 位（机构类别代码）不能是“${m[1]}”`],
  [/^characters 3–8 .* must be 6 digits$/, () => '第 3–8 位（登记管理机关行政区划码）应为 6 位数字'],
  [/^characters (3–4|1–2) .*not "(.+)"$/, (m) => `第 ${m[1]} 位应为省级行政区划代码，不能是“${m[2]}”`],
  [/^check (?:character|digit) should be (.)$/, (m) => `校验码错误，应为 ${m[1]}`],
  [/^must be 17 digits followed by a digit or X$/, () => '应为 17 位数字加 1 位数字或 X'],
  [/^birth year \(characters 7–10\) must be 1900 or later$/, () => '出生年份（第 7–10 位）不能早于 1900 年'],
  [/^birth date \(characters 7–14\) must be a real date$/, () => '出生日期（第 7–14 位）不是真实存在的日期'],
  [/^birth date \(characters 7–14\) must not be after today \((.+)\)$/, (m) => `出生日期（第 7–14 位）不能晚于今天（${m[1]}）`],
  [/^must not contain invisible or text-direction control characters \((.+) at position (\d+)\)$/, (m) => `不能含有不可见字符或文字方向控制字符（第 ${m[2]} 个字符 ${m[1]}）`],
  [/^must be a lower-case kebab-case list id/, () => '应为小写英文名单标识，如 serious-dishonesty'],
];

/** A rule in Chinese; `field` gives another field's Chinese name. */
export function ruleInChinese(rule: string, field: (name: string) => string = (name) => name): string {
  const suffix = / \(legalRepresentativeIdType is residentId\)$/.exec(rule);
  const bare = suffix ? rule.slice(0, suffix.index) : rule;
  for (const [pattern, word] of translations) {
    const m = pattern.exec(bare);
    if (m) return `${word(m, field)}${suffix ? '（证件类型为身份证）' : ''}`;
  }
  return rule;
}

/** A problem of a record of `kind` as the preview answers it: the field's Chinese name and the rule in Chinese beside the schema's words. */
export function describeProblem(schema: JsonSchema, kind: string | undefined, problem: RecordProblem): RecordProblem & { label: string; message: string } {
  const label = fieldLabelOf(schema, kind, problem.field);
  const other = (name: string) => fieldLabelOf(schema, kind, name);
  return { ...problem, label, message: `${label}：${ruleInChinese(problem.rule, other)}` };
}

