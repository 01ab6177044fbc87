import { describe, expect, it } from 'vitest';
import { guardAnswer } from '../../shared/http/http-handler.ts';
import { codeFields, maskIdsInText, maskIdsInValue } from '../../shared/privacy/resident-id-mask.ts';

/**
 * Issue 13, 3b: resident ID numbers in free text, in every form people type them. Valid numbers
 * (GB 11643 check digit): 11010519491231002X (the standard's own example), 410425199001014567,
 * 410425200002291238 (born on a 29 February).
 */
const x = '11010519491231002X';
const masked = '110105********002X';
const a = '410425199001014567';
const maskedA = '410425********4567';
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('maskIdsInText: an ID number in any form is masked, first 6 and last 4 kept', () => {
  it('written as 18 characters', () => {
    expect(maskIdsInText(`身份证号${x}。`)).toBe(`身份证号${masked}。`);
    expect(maskIdsInText(a)).toBe(maskedA);
  });

  it('with a lower-case x', () => {
    expect(maskIdsInText('号码 11010519491231002x 已核')).toBe(`号码 ${masked} 已核`);
  });

  it('with spaces between groups (6-8-4, 4-4-4-4-2, 3-3-4-4-4)', () => {
    expect(maskIdsInText('当事人 110105 19491231 002X 到场')).toBe(`当事人 ${masked} 到场`);
    expect(maskIdsInText('1101 0519 4912 3100 2X')).toBe(masked);
    expect(maskIdsInText('410 425 1990 0101 4567')).toBe(maskedA);
    expect(maskIdsInText('410425  19900101\t4567')).toBe(maskedA);
  });

  it('with hyphens, ideographic spaces and full-width hyphens', () => {
    expect(maskIdsInText('110105-19491231-002X')).toBe(masked);
    expect(maskIdsInText('110105\u300019491231\u3000002X')).toBe(masked);
    expect(maskIdsInText('410425－19900101－4567')).toBe(maskedA);
  });

  it('in full-width digits and a full-width or lower-case Ｘ', () => {
    expect(maskIdsInText(`（${fullWidth(x)}）`)).toBe(`（${masked}）`);
    expect(maskIdsInText(fullWidth(x).replace('Ｘ', 'ｘ'))).toBe(masked);
    expect(maskIdsInText(`证件${fullWidth(a)}号`)).toBe(`证件${maskedA}号`);
  });

  it('mixed: half full-width, half ASCII, with spaces', () => {
    expect(maskIdsInText(`${fullWidth('110105')} 19491231 ${fullWidth('002')}x`)).toBe(masked);
    expect(maskIdsInText(`4104２５ 1990０101－45６7`)).toBe(maskedA);
  });

  it('broken over lines', () => {
    expect(maskIdsInText('公民身份号码：110105\n19491231002X\n住所：郏县')).toBe(`公民身份号码：${masked}\n住所：郏县`);
    expect(maskIdsInText('410425\r\n19900101\r\n4567')).toBe(maskedA);
  });

  it('embedded in Chinese text, several in one text', () => {
    expect(maskIdsInText(`本人李某（身份证：１１０１０５ １９４９１２３１ ００２Ｘ）与张某（${a}）共同经营`)).toBe(
      `本人李某（身份证：${masked}）与张某（${maskedA}）共同经营`,
    );
    expect(maskIdsInText(`甲${x}乙410425-19900101-4567丙`)).toBe(`甲${masked}乙${maskedA}丙`);
  });

  it('an ID next to other numbers on one line: only the ID', () => {
    expect(maskIdsInText('110105 19491231 002X 13800138000')).toBe(`${masked} 13800138000`);
    expect(maskIdsInText('电话 13800138000 410425 19900101 4567')).toBe(`电话 13800138000 ${maskedA}`);
  });

  it('leaves text without an ID as it is (same string)', () => {
    const text = '郏市监罚〔2026〕901号：罚款人民币五千元';
    expect(maskIdsInText(text)).toBe(text);
    expect(maskIdsInText('')).toBe('');
  });
});

describe('maskIdsInText: what is not an ID number is left alone', () => {
  const unchanged = (text: string) => expect(maskIdsInText(text), text).toBe(text);

  it('a grouped 18-digit number whose check digit does not fit', () => {
    unchanged('110105 19491231 0021'); // the check digit of 11010519491231002 is X
    unchanged('４１０４２５１９９００１０１４５６８');
    unchanged('410425-19900101-4560');
  });

  it('phone numbers, alone and in groups', () => {
    unchanged('联系电话 13800138000、0371-62345678');
    unchanged('138 0013 8000 139 0013');
    unchanged('0375-6012345-8008');
  });

  it('decision numbers, bank accounts and order numbers', () => {
    unchanged('郏市监罚〔2026〕901号');
    unchanged('平顶山市中级人民法院（2025）豫04执1234号');
    unchanged('账号 6222 0212 3456 7890 123'); // 19 digits
    unchanged('order 1234567890123456789012');
    unchanged('订单 2026 1201 0000 0000 12'); // 18 digits, no birth date at 7–14
  });

  it('an unbroken 18-digit run with no real birth date, and longer runs', () => {
    unchanged('202612010000000012');
    unchanged('41042519901301456X'); // month 13
    unchanged('4104251990010145671');
  });

  it('codes with letters: USCCs, grouped or not', () => {
    unchanged('91410425MA45E8TH52');
    unchanged('9141 0425 MA45 E8TH 52');
    unchanged('统一社会信用代码：11410425005123456X');
  });

  it('a number glued to letters is part of a longer code', () => {
    unchanged(`A${x}`);
    unchanged(`NO${a}B`);
  });
});

describe('maskIdsInText: an unbroken 18-character run with a real birth date is masked even when its check digit is wrong', () => {
  // A mistyped number is still a person's number; the platform masked this shape before (maskResidentIdsIn).
  it('ASCII digits, written as one run', () => {
    expect(maskIdsInText('乙 110105194912310021。')).toBe('乙 110105********0021。');
  });
});

describe('maskIdsInText: safe to apply twice and on long input', () => {
  it('a masked text is left as it is', () => {
    const once = maskIdsInText(`甲 110105 19491231 002X，乙 ${fullWidth(a)}`);
    expect(maskIdsInText(once)).toBe(once);
  });

  it('4000 characters of digit groups take no time and mask every ID among them', () => {
    const text = Array.from({ length: 160 }, (_, i) => (i % 4 === 0 ? '110105 19491231 002X' : '1380 0138')).join(' ');
    const started = performance.now();
    const out = maskIdsInText(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(out.split(masked)).toHaveLength(41);
    expect(out).not.toContain('19491231');
  });
});

describe('at the edges: request bodies before validation, answers on the way out', () => {
  it('a body: every string masked but the code fields a schema reads (subjectId, residentId, uscc, grantee, legalRepresentativeIdNumber)', () => {
    const body = {
      subjectId: '110105 19491231 002X',
      subject: { name: `李某${x}`, residentId: x, uscc: '91410425MA45E8TH52', legalRepresentativeIdNumber: x },
      records: [{ facts: `当事人 ${fullWidth(a)}`, remarks: ['110105-19491231-002X'] }],
      fineAmountYuan: 5000,
      grantee: '91410425MA45E8TH52',
    };
    expect(maskIdsInValue(body, codeFields)).toEqual({
      subjectId: '110105 19491231 002X',
      subject: { name: `李某${masked}`, residentId: x, uscc: '91410425MA45E8TH52', legalRepresentativeIdNumber: x },
      records: [{ facts: `当事人 ${maskedA}`, remarks: [masked] }],
      fineAmountYuan: 5000,
      grantee: '91410425MA45E8TH52',
    });
    expect(maskIdsInValue({ subjectId: x })).toEqual({ subjectId: masked }); // a log entry keeps nothing
  });

  it('an answer: an ID field its projection chose to show stays, an ID inside text is masked, a sealed value is dropped', () => {
    expect(guardAnswer({ subject: { id: x }, reason: `本人 ${forms(x)}`, details: { residentIdSealed: 'rid1.a.b.c.d', name: '李某' } })).toEqual({
      subject: { id: x },
      reason: `本人 ${masked}`,
      details: { name: '李某' },
    });
  });
});

const forms = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
