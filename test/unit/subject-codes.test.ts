import { describe, expect, it } from 'vitest';
import { normaliseCode } from '../../shared/subjects/normalise.ts';
import { birthDateOf, residentIdCheckDigit, residentIdProblem } from '../../shared/subjects/resident-id.ts';
import {
  displaySubjectId,
  parseSubjectId,
  residentIdSchema,
  SubjectIdError,
  subjectIdSchema,
  usccSchema,
} from '../../shared/subjects/subject-id.ts';
import { isValidUscc, usccCheckCharacter, usccProblem } from '../../shared/subjects/uscc.ts';

// Check characters computed by hand from GB 32100-2015 / GB 11643-1999 and confirmed by the functions below.
const uscc = '91410425MA45E8TH52';
const fullWidthUscc = '９１４１０４２５ＭＡ４５Ｅ８ＴＨ５２';
const residentId = '410425199003071231';
const residentIdWithX = '11010519491231002X'; // the standard's own example

describe('normaliseCode', () => {
  it('turns full-width characters into ASCII, drops spaces, upper-cases', () => {
    expect(normaliseCode(fullWidthUscc)).toBe(uscc);
    expect(normaliseCode('  9141 0425\u3000ma45e8th52 ')).toBe(uscc);
    expect(normaliseCode('１１０１０５１９４９１２３１００２ｘ')).toBe(residentIdWithX);
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('computes the check character with weights 3^(i-1) mod 31', () => {
    expect(usccCheckCharacter('91410425MA45E8TH5')).toBe('2');
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc(uscc)).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('names the check character a wrong code should have', () => {
    expect(usccProblem('91410425MA45E8TH5X')).toBe('check character should be 2');
    expect(isValidUscc('91410425MA45E8TH5X')).toBe(false);
  });

  it('refuses the letters I, O, Z, S, V and lower case', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const code = `91410425MA45E8T${letter}52`;
      expect(usccProblem(code)).toBe(
        `must contain only digits and the capital letters A–H, J–N, P–R, T, U, W–Y (no I, O, Z, S, V): character 16 is "${letter}"`,
      );
    }
    expect(usccProblem('91410425ma45e8th52')).toMatch(/character 9 is "m"/);
  });

  it('requires 18 characters', () => {
    expect(usccProblem('91410425MA45E8TH5')).toBe('must be 18 characters, not 17');
  });

  it('the zod schema normalises full-width and lower-case input and reports the rule', () => {
    expect(usccSchema.parse(fullWidthUscc)).toBe(uscc);
    expect(usccSchema.parse('91410425ma45e8th52')).toBe(uscc);
    const result = usccSchema.safeParse('91410425MA45E8TH53');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('check character should be 2');
    expect(usccSchema.safeParse(undefined).error?.issues[0]?.message).toBe('is required');
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it('computes the check digit (ISO 7064 MOD 11-2), 10 written X', () => {
    expect(residentIdCheckDigit('41042519900307123')).toBe('1');
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdProblem(residentId)).toBeUndefined();
    expect(residentIdProblem(residentIdWithX)).toBeUndefined();
  });

  it('names the expected check digit', () => {
    expect(residentIdProblem('410425199003071232')).toBe('check digit should be 1');
    expect(residentIdProblem('110105194912310021')).toBe('check digit should be X');
  });

  it('refuses an impossible birth date even with the right check digit', () => {
    const impossible = `41042519990230002${residentIdCheckDigit('41042519990230002')}`; // 1999-02-30
    expect(residentIdProblem(impossible)).toBe('birth date (characters 7–14) must be a real date');
    expect(birthDateOf(impossible)).toBeUndefined();
    const old = `41042518991231002${residentIdCheckDigit('41042518991231002')}`;
    expect(residentIdProblem(old)).toBe('birth year (characters 7–10) must be 1900 or later');
  });

  it('reads the birth date', () => {
    expect(birthDateOf(residentId)).toBe('1990-03-07');
    expect(birthDateOf(residentIdWithX)).toBe('1949-12-31');
  });

  it('refuses letters other than a final X and wrong lengths', () => {
    expect(residentIdProblem('41042519900307123A')).toBe('must be 17 digits followed by a digit or X');
    expect(residentIdProblem('41042519900307123')).toBe('must be 18 characters, not 17');
  });

  it('the zod schema reads a lower-case x as X', () => {
    expect(residentIdSchema.parse('11010519491231002x')).toBe(residentIdWithX);
    expect(residentIdSchema.safeParse('410425199003071232').error?.issues[0]?.message).toBe('check digit should be 1');
  });
});

describe('subject IDs', () => {
  it('tells a USCC from a resident ID', () => {
    expect(parseSubjectId(fullWidthUscc)).toEqual({ type: 'uscc', id: uscc });
    expect(parseSubjectId('11010519491231002x')).toEqual({ type: 'residentId', id: residentIdWithX });
  });

  it('reads an all-digit USCC as a USCC when it is no resident ID', () => {
    // Characters 7–14 are "25000000": no birth date, so only the USCC rules can make it valid.
    expect(parseSubjectId('914104250000000061')).toEqual({ type: 'uscc', id: '914104250000000061' });
  });

  it('prefers the resident ID when a string passes both checks', () => {
    // 411102 (漯河市源汇区) reads as USCC authority 4, category 1, province 11: both checks pass.
    expect(isValidUscc('411102199003011298')).toBe(true);
    expect(parseSubjectId('411102199003011298')).toEqual({ type: 'residentId', id: '411102199003011298' });
  });

  it('names the rules when neither reading works, without echoing the ID', () => {
    let error: unknown;
    try {
      parseSubjectId('410425199003071232');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SubjectIdError);
    const rule = (error as SubjectIdError).rule;
    expect(rule).toBe(
      'reads as a resident ID number (a province code in characters 1–2, a birth date in characters 7–14) but is not a valid one (check digit should be 1), nor a valid unified social credit code (characters 3–4 must be a province code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), or the division 100000 of a central registration, not "04")',
    );
    expect(rule).not.toContain('410425199003071232');
    expect(() => parseSubjectId('91410425MA45E8TH53')).toThrow('is not a valid unified social credit code: check character should be 2');
    expect(() => parseSubjectId('9141')).toThrow(/must be 18 characters .* not 4/);
  });

  it('the zod schema gives the rule as the issue message', () => {
    expect(subjectIdSchema.parse(' 11010519491231002x ')).toEqual({ type: 'residentId', id: residentIdWithX });
    const result = subjectIdSchema.safeParse('91410425MA45E8TH53');
    expect(result.error?.issues[0]?.message).toBe('is not a valid unified social credit code: check character should be 2');
  });

  it('masks resident IDs for display unless the reader may see them', () => {
    expect(displaySubjectId(residentIdWithX, 'residentId', false)).toBe('110105********002X');
    expect(displaySubjectId(residentIdWithX, 'residentId', true)).toBe(residentIdWithX);
    expect(displaySubjectId(uscc, 'uscc', false)).toBe(uscc);
  });
});
