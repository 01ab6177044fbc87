import { centralDivisionCode, isProvinceCode } from './division-codes.ts';

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capital letters without I, O, Z, S, V):
 *
 *   1     registration authority (登记管理部门代码)      } checked against `usccRegistrationAuthorities`
 *   2     institution category (机构类别代码)            }
 *   3–8   division of the registering authority (登记管理机关行政区划码, GB/T 2260): digits, a province's or 100000
 *   9–17  organisation code (主体标识码, GB 11714): 8 characters and their own check character
 *   18    check character over the first 17 (GB/T 17710, ISO 7064 MOD 31-3)
 *
 * The functions here check the canonical form: normalise input first (`normaliseCode`).
 */

/** The code's alphabet in value order: '0' = 0 … 'Y' = 30. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * GB 32100-2015 表 1, 登记管理部门代码 and the 机构类别代码 each authority may use, with the two
 * authorities added to it after 2015 (A, military public institutions; N, rural collective economic
 * organisations, registered by agriculture departments since 2018). Source: GB 32100-2015 §4 and 表 1
 * (http://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=24691C25985C1073D3A7C85629378AC0), the table as
 * the code service centre publishes it today, reproduced in "统一社会信用代码解析登记管理部门和机构类别"
 * (https://blog.csdn.net/lh1424573495/article/details/108776492). Y (其他) has no categories: always 1.
 */
export const usccRegistrationAuthorities: Readonly<Record<string, { authority: string; categories: Readonly<Record<string, string>> }>> = {
  '1': { authority: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { authority: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { authority: '司法行政', categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { authority: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { authority: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { authority: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { authority: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { authority: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { authority: '工商（市场监管）', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { authority: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { authority: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { authority: '其他', categories: { '1': '（不再划分）' } },
};

/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const weights = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters of a code: (31 − Σ value·weight mod 31) mod 31. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckCharacter needs the first 17 characters of the code');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = usccAlphabet.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a character of the unified social credit code alphabet`);
    sum += value * weights[i]!;
  }
  return usccAlphabet[(31 - (sum % 31)) % 31]!;
}

const authorityList = Object.keys(usccRegistrationAuthorities).join(', ');
const orList = (values: string[]) => (values.length === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`);

/** The rule a code breaks, in words that read after a field name; undefined when the code is valid. */
export function usccProblem(code: string): string | undefined {
  if (code.length !== 18) return `must be 18 characters, not ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    const c = code[i]!;
    if (!usccAlphabet.includes(c))
      return `must contain only digits and the capital letters A–H, J–N, P–R, T, U, W–Y (no I, O, Z, S, V): character ${i + 1} is "${c}"`;
  }
  const registration = usccRegistrationAuthorities[code[0]!];
  if (!registration)
    return `character 1 (registration authority, GB 32100-2015 表 1) must be one of ${authorityList}, not "${code[0]}"`;
  if (!Object.hasOwn(registration.categories, code[1]!))
    return `character 2 (institution category) must be ${orList(Object.keys(registration.categories))} for registration authority ${code[0]} (${registration.authority}), not "${code[1]}" (GB 32100-2015 表 1)`;
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return 'characters 3–8 (division code of the registering authority, GB/T 2260) must be 6 digits';
  if (division !== centralDivisionCode && !isProvinceCode(division.slice(0, 2)))
    return `characters 3–4 must be a province code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), or the division ${centralDivisionCode} of a central registration, not "${division.slice(0, 2)}"`;
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `check character should be ${expected}`;
  return undefined;
}

export const isValidUscc = (code: string): boolean => usccProblem(code) === undefined;

/** GB 11714-1997 weights of the organisation code's 8 characters. */
const organisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * The check character of an organisation code (组织机构代码, GB 11714-1997) over its first 8 characters:
 * C9 = 11 − (Σ value·weight mod 11), 10 written X and 11 written 0. Digits count as themselves and letters
 * A–Z as 10–35 (the GB 11714 table, not the USCC alphabet's values: M is 22 here, 21 there).
 */
export function organisationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('organisationCodeCheckCharacter needs 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number.parseInt(first8[i]!, 36) * organisationCodeWeights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Whether characters 9–17 of a valid code carry a correct GB 11714 check character; the rule broken, or
 * undefined. Every issued code we could check satisfies it (the real codes in
 * test/unit/subject-code-rules.test.ts, even the early Fujian pilot codes whose own check character is
 * off), but the standard lets registration systems assign the 主体标识码, so a code failing it is not
 * refused: answers carry it as a warning (`usccWarnings`, shared/subjects/code-warnings.ts).
 */
export function usccOrganisationCodeProblem(code: string): string | undefined {
  const expected = organisationCodeCheckCharacter(code.slice(8, 16));
  if (code[16] === expected) return undefined;
  return `character 17 should be ${expected}: it is the GB 11714 check character of the organisation code in characters 9–16`;
}
