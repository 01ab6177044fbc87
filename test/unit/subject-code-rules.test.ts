import { describe, expect, it } from 'vitest';
import { recordDateProblems } from '../../shared/records/record-dates.ts';
import { recordInput, recordSubject } from '../../shared/records/record-input.ts';
import { usccWarnings } from '../../shared/subjects/code-warnings.ts';
import { provinceCodes } from '../../shared/subjects/division-codes.ts';
import { residentIdCheckDigit, residentIdProblem } from '../../shared/subjects/resident-id.ts';
import { parseSubjectId, readsAsResidentId, SubjectIdError, subjectIdSchema, usccSchema } from '../../shared/subjects/subject-id.ts';
import {
  isValidUscc,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  usccOrganisationCodeProblem,
  usccProblem,
  usccRegistrationAuthorities,
} from '../../shared/subjects/uscc.ts';

/** A code with the given first 16 characters, a correct GB 11714 character 17 and a correct check character. */
const wellFormed = (first16: string) => {
  const first17 = first16 + organisationCodeCheckCharacter(first16.slice(8, 16));
  return first17 + usccCheckCharacter(first17);
};
/** A code with the given first 17 characters and a correct check character (character 17 as given). */
const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);

const ruleOf = (raw: string): string => {
  try {
    parseSubjectId(raw);
  } catch (error) {
    if (error instanceof SubjectIdError) return error.rule;
    throw error;
  }
  throw new Error(`${raw} was accepted`);
};

/**
 * Codes that organisations publish themselves, or that a public page prints as theirs. Each passes the
 * check character, the GB 32100 table, the province part and the GB 11714 check of characters 9–17.
 */
const publishedCodes: Array<{ code: string; holder: string; source: string }> = [
  { code: '914403001922038216', holder: '华为技术有限公司 (91: enterprise, Shenzhen 440300)', source: 'zh.wikipedia.org "華為" infobox (機構代碼); also bluesky335/IDCheck USCI/USCI_test.go' },
  { code: '91110108795101314G', holder: '谷歌信息技术（中国）有限公司 (Beijing 海淀)', source: 'bluesky335/IDCheck USCI/USCI_test.go' },
  { code: '9135020026015919XW', holder: '厦门象屿集团有限公司 (GB 11714 check character X)', source: 'bluesky335/IDCheck USCI/USCI_test.go' },
  { code: '91310000MA1K35Y38P', holder: '锤子科贸（上海）有限公司 (a new-style MA… organisation code)', source: 'bluesky335/IDCheck USCI/USCI_test.go' },
  { code: '91120222MA0699U071', holder: '天津锤子科技有限公司', source: 'bluesky335/IDCheck USCI/USCI_test.go' },
  { code: '91350100M000100Y43', holder: "GB 32100-2015's own example (Fuzhou 350100)", source: 'GB 32100-2015; bluesky335/IDCheck README' },
  { code: '12100000470095016Q', holder: '浙江大学 (12: public institution, central registration 100000)', source: "the university library's own notice 报废图书资料处置 (2023-04-04), account details" },
  { code: '53100000500019795A', holder: '中国社会福利基金会 (53: foundation registered with 民政部)', source: "the foundation's published 基本信息 (登记管理机关：民政部)" },
  { code: '51310110501144395U', holder: '上海市杨浦区科技企业联合会 (51: social group, Shanghai 杨浦 310110)', source: 'its 社会团体法人登记证书 as quoted in a published supplier inspection report' },
  { code: '11140800558745220K', holder: '晋中市文化和旅游局 (11: government organ, Jinzhong 140800)', source: 'a published government procurement contract (省级红色文化遗址保护标志树立项目, 2022-10-20)' },
  { code: '92371000MA3MXH0E3W', holder: 'an individual business (92) in Weihai 371000', source: 'winjs-dev/cloud-utils src/isUnifiedSocialCreditCode.ts, documented example' },
];

describe('USCC: published codes', () => {
  it.each(publishedCodes)('accepts $code ($holder) without a warning', ({ code }) => {
    expect(usccProblem(code)).toBeUndefined();
    expect(parseSubjectId(code)).toEqual({ type: 'uscc', id: code });
    expect(usccSchema.parse(code)).toBe(code);
    expect(usccWarnings(code, 'body.subject.uscc')).toEqual([]);
  });
});

describe('USCC: registration authority and institution category (GB 32100-2015 表 1)', () => {
  it('accepts every pair of the table, and the pairs the test data and demo build (91, 11)', () => {
    const pairs = Object.entries(usccRegistrationAuthorities).flatMap(([authority, { categories }]) => Object.keys(categories).map((c) => authority + c));
    expect(pairs).toEqual(expect.arrayContaining(['11', '12', '13', '19', '51', '52', '53', '59', '91', '92', '93', 'A1', 'N2', 'Y1']));
    for (const pair of pairs) expect(usccProblem(wellFormed(`${pair}410425MA45E8TH`)), pair).toBeUndefined();
  });

  it('refuses a first character that is no registration authority, naming character 1', () => {
    for (const first of ['0', 'B', 'C', 'M', 'X']) {
      expect(usccProblem(wellFormed(`${first}1410425MA45E8TH`))).toBe(
        `character 1 (registration authority, GB 32100-2015 表 1) must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y, not "${first}"`,
      );
    }
  });

  it('refuses a category its authority does not have, naming the ones it has', () => {
    expect(usccProblem(wellFormed('94410425MA45E8TH'))).toBe(
      'character 2 (institution category) must be 1, 2 or 3 for registration authority 9 (工商（市场监管）), not "4" (GB 32100-2015 表 1)',
    );
    for (const pair of ['99', '90', '10', '14', '24', '56', 'Y2', 'A2', 'NA', '1A'])
      expect(usccProblem(wellFormed(`${pair}410425MA45E8TH`)), pair).toMatch(/^character 2 \(institution category\) must be /);
  });
});

describe('USCC: division of the registering authority (characters 3–8)', () => {
  it('accepts every province of GB/T 2260 and the central registration 100000', () => {
    for (const province of Object.keys(provinceCodes)) expect(usccProblem(wellFormed(`91${province}0100MA45E8TH`)), province).toBeUndefined();
    expect(Object.keys(provinceCodes)).toEqual(expect.arrayContaining(['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']));
    expect(usccProblem(wellFormed('12100000MA45E8TH'))).toBeUndefined();
  });

  it('refuses a province part that is no province, and 10 other than 100000', () => {
    for (const part of ['00', '10', '16', '20', '24', '30', '38', '47', '55', '60', '66', '70', '80', '83', '99']) {
      expect(usccProblem(wellFormed(`91${part}1001MA45E8TH`)), part).toBe(
        `characters 3–4 must be a province code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), or the division 100000 of a central registration, not "${part}"`,
      );
    }
  });

  it('refuses letters in the division code', () => {
    expect(usccProblem(wellFormed('9141A425MA45E8TH'))).toBe('characters 3–8 (division code of the registering authority, GB/T 2260) must be 6 digits');
  });
});

describe('USCC: the GB 11714 check of the organisation code (characters 9–17) is a warning', () => {
  it('computes the check character with weights 3 7 9 10 5 8 4 2, letters counted A = 10 … Z = 35', () => {
    expect(organisationCodeCheckCharacter('19220382')).toBe('1'); // 华为
    expect(organisationCodeCheckCharacter('71526726')).toBe('X'); // 腾讯科技（深圳）9144030071526726XG
    expect(organisationCodeCheckCharacter('MA1K35Y3')).toBe('8'); // 锤子科贸: M counts 22 here (21 in the USCC alphabet)
    expect(organisationCodeCheckCharacter('MA45E8TH')).toBe('0'); // remainder 0: 11 is written 0
  });

  it('accepts a code whose character 17 is wrong, and says so as a warning naming the field', () => {
    const madeUp = '91410425MA45E8TH52'; // the test data's company: character 17 should be 0
    expect(isValidUscc(madeUp)).toBe(true);
    expect(usccOrganisationCodeProblem(madeUp)).toBe('character 17 should be 0: it is the GB 11714 check character of the organisation code in characters 9–16');
    expect(usccWarnings(madeUp, 'body.records.2.subject.uscc')).toEqual([
      {
        field: 'body.records.2.subject.uscc',
        code: 'USCC_ORGANISATION_CODE_CHECK',
        message: 'body.records.2.subject.uscc: character 17 should be 0: it is the GB 11714 check character of the organisation code in characters 9–16',
      },
    ]);
    expect(parseSubjectId(madeUp)).toEqual({ type: 'uscc', id: madeUp });
  });

  it('holds for the early Fujian pilot codes whose own check character is off (which the platform still refuses)', () => {
    // bluesky335/IDCheck README: legal codes of 福建恒跃柳工机械销售有限公司 and 厦门黑脉网络科技有限公司 that break GB 32100's check.
    for (const code of ['91350100M0001TGQXM', '91350203M0001FUE2P']) {
      expect(usccOrganisationCodeProblem(code)).toBeUndefined();
      expect(usccProblem(code)).toMatch(/^check character should be /);
    }
  });
});

describe('an 18-character string that reads as a resident ID number is not a USCC by accident', () => {
  // 411102 is 漯河市源汇区: as a USCC, authority 4 (文化), category 1, province 11 all pass, so only check characters tell.
  const wrongCheckDigit = '411102199003011070'; // ID check digit should be 9; the USCC check character matches by chance
  const endingInX = '41110219900301145X'; // ID check digit should be 8; X is the USCC check character

  it('the premise: both strings pass every rule of a USCC but the GB 11714 check, and fail as resident IDs', () => {
    for (const code of [wrongCheckDigit, endingInX]) {
      expect(readsAsResidentId(code)).toBe(true);
      expect(usccProblem(code)).toBeUndefined();
      expect(usccOrganisationCodeProblem(code)).toBeDefined();
      expect(residentIdProblem(code)).toMatch(/^check digit should be \d$/);
    }
  });

  it('refuses them as subject IDs, naming the resident ID rule, and as USCCs', () => {
    expect(ruleOf(wrongCheckDigit)).toBe(
      'reads as a resident ID number (a province code in characters 1–2, a birth date in characters 7–14) but is not a valid one (check digit should be 9), nor a valid unified social credit code (character 17 should be 8: it is the GB 11714 check character of the organisation code in characters 9–16)',
    );
    expect(ruleOf(endingInX)).toMatch(/^reads as a resident ID number .* but is not a valid one \(check digit should be 8\)/);
    for (const code of [wrongCheckDigit, endingInX]) {
      expect(ruleOf(code)).not.toContain(code);
      expect(subjectIdSchema.safeParse(code).error?.issues[0]?.message).toMatch(/^reads as a resident ID number/);
      expect(usccSchema.safeParse(code).error?.issues[0]?.message).toMatch(/^reads as a resident ID number/);
    }
  });

  it('a record subject named by such a string is refused at subject.uscc', () => {
    const result = recordSubject.safeParse({ name: '某某有限公司', category: 'legalPerson', uscc: wrongCheckDigit });
    expect(result.error?.issues[0]).toMatchObject({ path: ['uscc'], message: expect.stringMatching(/^reads as a resident ID number/) });
  });

  it('a valid resident ID number is never a USCC, even where it passes the USCC rules', () => {
    const both = '411102199003011298';
    expect([isValidUscc(both), residentIdProblem(both)]).toEqual([true, undefined]);
    expect(parseSubjectId(both).type).toBe('residentId');
    expect(usccSchema.safeParse(both).error?.issues[0]?.message).toBe(
      "reads as a resident ID number (a province code in characters 1–2, a birth date in characters 7–14) and is a valid one: a person's ID number is not a unified social credit code",
    );
  });

  it('with the GB 11714 check passing too, the string is a USCC: two check characters do not both match by chance', () => {
    const code = '411102199003011083';
    expect([readsAsResidentId(code), residentIdProblem(code), usccOrganisationCodeProblem(code)]).toEqual([true, 'check digit should be 7', undefined]);
    expect(parseSubjectId(code)).toEqual({ type: 'uscc', id: code });
  });

  it('an all-digit code without a birth date in characters 7–14 is judged as a USCC only', () => {
    const code = withCheck('91410425000000006'); // characters 7–14: 25000000
    expect(readsAsResidentId(code)).toBe(false);
    expect(parseSubjectId(code)).toEqual({ type: 'uscc', id: code });
    const noDate = residentId('41042519900230123'); // 1990-02-30: neither reading works
    expect(ruleOf(noDate)).toMatch(/^is neither a valid unified social credit code \(.*\) nor a valid resident ID number \(birth date \(characters 7–14\) must be a real date\)$/);
  });
});

describe('resident ID numbers (GB 11643-1999): province and birth date', () => {
  it('refuses an address code whose first two digits are no province', () => {
    for (const part of ['00', '10', '16', '20', '39', '60', '72', '80', '84', '99']) {
      expect(residentIdProblem(residentId(`${part}042519900307123`)), part).toBe(
        `characters 1–2 (province of the address code) must be a province code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82) or 83, not "${part}"`,
      );
    }
  });

  it("accepts every province, and 83 of Taiwan residents' residence permits", () => {
    for (const part of [...Object.keys(provinceCodes), '83']) expect(residentIdProblem(residentId(`${part}000019900307123`)), part).toBeUndefined();
    expect(residentIdProblem('11010519491231002X')).toBeUndefined(); // the standard's own example
  });

  it('refuses a birth date after today when today is given (the county-local date)', () => {
    const bornOn = (yyyymmdd: string) => residentId(`410425${yyyymmdd}123`);
    expect(residentIdProblem(bornOn('20261202'), '2026-12-01')).toBe('birth date (characters 7–14) must not be after today (2026-12-01)');
    expect(residentIdProblem(bornOn('20261201'), '2026-12-01')).toBeUndefined();
    expect(residentIdProblem(bornOn('20261202'))).toBeUndefined(); // no clock: form only
  });

  it("a record of a person born after today is refused at subject.residentId, with today's date", () => {
    const input = recordInput.parse({
      kind: 'commitment',
      subject: { name: '张三', category: 'naturalPerson', residentId: residentId('41042520270105123') },
      decisionNumber: '郏承诺〔2026〕1号',
      decisionDate: '2026-11-30',
      authority: { name: '郏县市场监督管理局', uscc: '91350100M000100Y43' },
      sourceDepartment: '郏县市场监督管理局',
      commitmentType: '告知承诺',
      content: '承诺依法经营',
    });
    expect(recordDateProblems(input, '2026-12-01')).toEqual([{ field: 'subject.residentId', rule: 'birth date (characters 7–14) must not be after today (2026-12-01)' }]);
    expect(recordDateProblems(input, '2027-01-05')).toEqual([]);
  });
});
