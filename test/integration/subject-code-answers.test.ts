/**
 * Codes (issue 13, 3l) as HTTP answers: a code that breaks a rule of GB 32100 or GB 11643 is 400
 * VALIDATION_FAILED naming its field, with the rule in the message; a USCC whose organisation code fails the
 * GB 11714 check is accepted and the answer carries a warning naming the field. Today is the platform clock's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { organisationCodeCheckCharacter, usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
const d = county.divisionCode;
const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
/** A code whose character 17 is the GB 11714 check of 9–16: no warning. */
const wellFormed = (first16: string) => withCheck(first16 + organisationCodeCheckCharacter(first16.slice(8, 16)));
/** A code whose character 17 is not the GB 11714 check of 9–16: accepted with a warning. */
const offCheck = (first16: string) => {
  const right = organisationCodeCheckCharacter(first16.slice(8, 16));
  return withCheck(first16 + (right === '1' ? '2' : '1'));
};
const authority = { name: '郏县市场监督管理局', uscc: wellFormed(`11${d}MB000000`) };

let platform: LocalPlatform;
let today: string;
const call = (method: string, path: string, role: Role, orgId: string, body?: unknown) => callApi(platform, method, path, role, orgId, body);
const dept = (method: string, path: string, body?: unknown) => call(method, path, 'department', 'dept-codes', body);

const penalty = (subject: Record<string, unknown>, number: string) => ({
  kind: 'penalty',
  subject,
  decisionNumber: number,
  decisionDate: addDays(today, -2),
  authority,
  sourceDepartment: '郏县市场监督管理局',
  violationType: '虚假宣传',
  facts: '宣传与实际不符',
  legalBasis: '《反不正当竞争法》第二十条',
  penaltyCategories: ['fine'],
  penaltyContent: '罚款人民币一万元',
  fineAmountYuan: 10000,
});
const company = (uscc: string) => ({ name: '某某商贸有限公司', category: 'legalPerson', uscc });
const check = (subjectId: string, reference: string) => dept('POST', '/checks', { subjectId, matter: { type: county.matterTypes[0]!.id, reference, name: '采购项目' } });

beforeAll(async () => {
  platform = await startTestPlatform(county, 'subject-codes');
  today = localDate(platform.clock.now(), county.timeZone);
  expect((await call('POST', '/departments', 'creditOffice', 'credit-office', { orgId: 'dept-codes', name: '郏县代码局' })).status).toBe(201);
});
afterAll(async () => {
  await platform?.stop();
});

/** Codes each breaking one rule, with the words its refusal must contain. */
const broken = [
  { what: 'an unknown registration authority', code: wellFormed(`B1${d}MC000001`), rule: 'character 1 (registration authority' },
  { what: 'a category its authority lacks', code: wellFormed(`94${d}MC000001`), rule: 'character 2 (institution category) must be 1, 2 or 3 for registration authority 9' },
  { what: 'a division outside every province', code: wellFormed('91991001MC000001'), rule: 'characters 3–4 must be a province code of GB/T 2260' },
  // 411102 (漯河市源汇区): a mistyped resident ID number whose USCC check character matches by chance.
  { what: 'a mistyped resident ID number', code: '411102199003011070', rule: 'reads as a resident ID number' },
];

describe('POST /records', () => {
  it.each(broken)('refuses $what at body.subject.uscc, naming the rule', async ({ code, rule }) => {
    const answer = await dept('POST', '/records', penalty(company(code), `郏市监罚〔2026〕${code}号`));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.subject.uscc' });
    expect(answer.body.error.message).toContain(`body.subject.uscc: ${rule}`);
  });

  it('accepts a code failing the GB 11714 check with a warning naming the field; a well-formed one has none', async () => {
    const warned = await dept('POST', '/records', penalty(company(offCheck(`91${d}MC100001`)), '郏市监罚〔2026〕101号'));
    expect(warned.status).toBe(201);
    expect(warned.body.warnings).toEqual([
      { field: 'body.subject.uscc', code: 'USCC_ORGANISATION_CODE_CHECK', message: expect.stringMatching(/^body\.subject\.uscc: character 17 should be .: it is the GB 11714 check character/) },
    ]);
    const clean = await dept('POST', '/records', penalty(company(wellFormed(`91${d}MC100002`)), '郏市监罚〔2026〕102号'));
    expect(clean.status).toBe(201);
    expect(clean.body).not.toHaveProperty('warnings');
  });

  it('in a batch: a refusal and a warning per record, at that record', async () => {
    const answer = await dept('POST', '/records', {
      records: [
        penalty(company(wellFormed(`91${d}MC200001`)), '郏市监罚〔2026〕201号'),
        penalty(company(wellFormed(`94${d}MC200002`)), '郏市监罚〔2026〕202号'),
        penalty(company(offCheck(`91${d}MC200003`)), '郏市监罚〔2026〕203号'),
      ],
    });
    expect(answer.status).toBe(200);
    const [first, second, third] = answer.body.results;
    expect(first).toMatchObject({ status: 'created' });
    expect(first).not.toHaveProperty('warnings');
    expect(second).toMatchObject({ status: 'invalid', error: { code: 'VALIDATION_FAILED', field: 'body.records.1.subject.uscc' } });
    expect(third).toMatchObject({ status: 'created', warnings: [{ field: 'body.records.2.subject.uscc', code: 'USCC_ORGANISATION_CODE_CHECK' }] });
  });

  it('refuses a person born after today at body.subject.residentId, and an address outside every province', async () => {
    const born = (day: string, address = '410425') => {
      const first17 = `${address}${day.replace(/-/g, '')}123`;
      return first17 + residentIdCheckDigit(first17);
    };
    const person = (residentId: string) => ({ name: '张三', category: 'naturalPerson', residentId });
    const tomorrow = await dept('POST', '/records', penalty(person(born(addDays(today, 1))), '郏市监罚〔2026〕301号'));
    expect([tomorrow.status, tomorrow.body.error.field]).toEqual([400, 'body.subject.residentId']);
    expect(tomorrow.body.error.message).toBe(`body.subject.residentId: birth date (characters 7–14) must not be after today (${today})`);
    const nowhere = await dept('POST', '/records', penalty(person(born('1990-03-07', '990425')), '郏市监罚〔2026〕302号'));
    expect([nowhere.status, nowhere.body.error.field]).toEqual([400, 'body.subject.residentId']);
    expect(nowhere.body.error.message).toContain('characters 1–2 (province of the address code) must be a province code of GB/T 2260');
    expect(nowhere.body.error.message).not.toContain('990425');
  });
});

describe('POST /checks', () => {
  it.each(broken)('refuses $what at body.subjectId, naming the rule', async ({ code, rule }) => {
    const answer = await check(code, `BAD-${code}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.subjectId' });
    expect(answer.body.error.message).toContain(rule);
    expect(answer.body.error.message).not.toContain(code);
  });

  it('a published code is checked without a warning; a code failing the GB 11714 check is checked with one', async () => {
    const huawei = await check('914403001922038216', 'CG-1'); // 华为技术有限公司 (zh.wikipedia 華為, 機構代碼)
    expect(huawei.status).toBe(201);
    expect(huawei.body).not.toHaveProperty('warnings');
    const warned = await check(offCheck(`91${d}MC300001`), 'CG-2');
    expect(warned.status).toBe(201);
    expect(warned.body.warnings).toEqual([{ field: 'body.subjectId', code: 'USCC_ORGANISATION_CODE_CHECK', message: expect.stringMatching(/^body\.subjectId: character 17 should be /) }]);
  });

  it('refuses a resident ID number whose birth date is after today', async () => {
    const first17 = `410425${addDays(today, 1).replace(/-/g, '')}123`;
    const answer = await check(first17 + residentIdCheckDigit(first17), 'CG-3');
    expect([answer.status, answer.body.error.field]).toEqual([400, 'body.subjectId']);
    expect(answer.body.error.message).toBe(`body.subjectId: birth date (characters 7–14) must not be after today (${today})`);
  });
});
