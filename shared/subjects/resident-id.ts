import { daysInMonth, formatIsoDate, type IsoDate } from '../calendar/dates.ts';

/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
 * sequence, check digit (0–9 or X). Personal data: never put one in a message (the rules below don't).
 * The functions here check the canonical form: normalise input first (`normaliseCode`).
 *
 * The birth date must be a real calendar date, year 1900 or later, and (given `today`: pure code has
 * no clock) not after today.
 */

/** Weight of position i (1-based) is 2^(18-i) mod 11 (ISO 7064 MOD 11-2). */
const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

/** The check digit for the first 17 digits: (12 − Σ digit·weight mod 11) mod 11, 10 written X. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckDigit needs the first 17 digits of the ID');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The birth date (characters 7–14) as YYYY-MM-DD, or undefined when it is not a real date from 1900 on. */
export function birthDateOf(id: string): IsoDate | undefined {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return formatIsoDate(year, month, day);
}

/** The rule an ID breaks, in words that read after a field name; undefined when the ID is valid (born by `today`, when given). */
export function residentIdProblem(id: string, today?: IsoDate): string | undefined {
  if (id.length !== 18) return `must be 18 characters, not ${id.length}`;
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  if (Number(id.slice(6, 10)) < 1900) return 'birth year (characters 7–10) must be 1900 or later';
  if (!birthDateOf(id)) return 'birth date (characters 7–14) must be a real date';
  if (today !== undefined && birthDateOf(id)! > today) return 'birth date (characters 7–14) must not be after today';
  const expected = residentIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return `check digit should be ${expected}`;
  return undefined;
}

export const isValidResidentId = (id: string): boolean => residentIdProblem(id) === undefined;
