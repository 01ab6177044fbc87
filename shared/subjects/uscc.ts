/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capital letters without I, O, Z, S, V), the last one a check character over the
 * first 17. The functions here check the canonical form: normalise input first (`normaliseCode`).
 */

/** The code's alphabet in value order: '0' = 0 … 'Y' = 30. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

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

/** The rule a code breaks, in words that read after a field name; undefined when the code is valid. */
export function usccProblem(code: string): string | undefined {
  if (code.length !== 18) return `must be 18 characters, not ${code.length}`;
  for (let i = 0; i < 18; i += 1) {
    const c = code[i]!;
    if (!usccAlphabet.includes(c))
      return `must contain only digits and the capital letters A–H, J–N, P–R, T, U, W–Y (no I, O, Z, S, V): character ${i + 1} is "${c}"`;
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `check character should be ${expected}`;
  return undefined;
}

export const isValidUscc = (code: string): boolean => usccProblem(code) === undefined;
