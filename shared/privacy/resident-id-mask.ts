import { birthDateOf, residentIdCheckDigit } from '../subjects/resident-id.ts';

/**
 * Resident ID numbers (GB 11643-1999: 17 digits and a check digit or X) are personal data:
 * shown, where shown at all, as the first 6 and the last 4 characters.
 */
export const maskResidentId = (id: string): string => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Characters of an ID number as people type them: ASCII or full-width digits, and X (either case, either width) last. */
const digit = '0-9\uFF10-\uFF19';
const checkX = 'Xx\uFF38\uFF58';
/** What people put between the groups of a number: spaces (also ideographic and tab), line breaks, hyphens and dashes (also full-width). */
const separator = '\\s\\u3000\\-\\u2010-\\u2015\\u2212\\uFF0D';
/** A run of digit groups joined by separators (at most 3 separator characters between two groups), the last group perhaps ending in X. */
const digitRun = new RegExp(`[${digit}]+(?:[${separator}]{1,3}[${digit}]+)*(?:[${separator}]{0,3}[${checkX}])?`, 'g');
/** Letters and digits, either width: a run touching one is part of a longer code (a USCC, an order number), not an ID. */
const codeCharacter = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;
const canonical = /^\d{17}[\dX]$/;

const toAscii = (s: string) => s.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase();

/** A real birth date at characters 7–14, from 1900 to 2099: what every resident ID number has. */
const plausibleBirthDate = (id: string) => birthDateOf(id) !== undefined && Number(id.slice(6, 10)) < 2100;

/**
 * Every resident ID number in free text masked (first 6, last 4, in ASCII: `110105********002X`), in
 * whatever form people type it: grouped by spaces or hyphens (`110105 19491231 002X`), broken over lines,
 * in full-width digits (`１１０１…`, IME input), mixed, with a lower-case or full-width x. The separators
 * inside a number go with it. Text without one comes back unchanged.
 *
 * What counts as a number (the rest is left alone, so decision numbers, phone and account numbers stay):
 * 18 characters (17 digits and a digit or X) with a real birth date at characters 7–14, not touching a
 * letter or digit outside it, and starting and ending at group boundaries, and
 * - written in any other way than one unbroken ASCII run: its GB 11643 check digit must fit (a grouped or
 *   full-width run of 18 digits is too common by chance otherwise: two phone numbers, an account number);
 * - written as one unbroken ASCII run of 18: masked even when the check digit does not fit. That shape
 *   with a birth date inside is a person's number, mistyped more likely than anything else, and it was
 *   masked so before.
 */
export function maskIdsInText(text: string): string {
  return text.replace(digitRun, (run: string, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + run.length];
    const glued = { start: before !== undefined && codeCharacter.test(before), end: after !== undefined && codeCharacter.test(after) };
    return maskRun(run, glued);
  });
}

/** The groups of a run (digits, perhaps a final X) with where each starts and ends in it. */
function groupsOf(run: string) {
  return [...run.matchAll(new RegExp(`[${digit}${checkX}]+`, 'g'))].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

function maskRun(run: string, glued: { start: boolean; end: boolean }): string {
  const groups = groupsOf(run);
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < groups.length) {
    let length = 0;
    let j = i;
    while (j < groups.length && length < 18) length += groups[j++]!.text.length;
    const first = groups[i]!;
    const last = groups[j - 1]!;
    const touches = (i === 0 && glued.start) || (j === groups.length && glued.end);
    const written = run.slice(first.start, last.end);
    const id = length === 18 && !touches ? toAscii(written.replace(new RegExp(`[${separator}]`, 'g'), '')) : undefined;
    if (id !== undefined && isIdInText(id, written)) {
      out += run.slice(copied, first.start) + maskResidentId(id);
      copied = last.end;
      i = j;
    } else i += 1;
  }
  return copied === 0 ? run : out + run.slice(copied);
}

function isIdInText(id: string, written: string): boolean {
  if (!canonical.test(id) || !plausibleBirthDate(id)) return false;
  if (/^\d{17}[\dXx]$/.test(written)) return true;
  return residentIdCheckDigit(id.slice(0, 17)) === id[17];
}

/** Masks every resident ID number found in free text (log lines, error messages, notices): the same function as `maskIdsInText`. */
export const maskResidentIdsIn = maskIdsInText;

/**
 * Body fields whose value is a subject's code, read by the ID schemas of shared/subjects/subject-id.ts
 * (`subjectId`, a record's `subject.residentId` and `uscc`, an authority's `uscc`, a consent's
 * `grantee`), or a record's `subject.legalRepresentativeIdNumber` (checked as a resident ID when it is
 * one, then masked and sealed by shared/records/protected-input.ts): the one place an ID number is meant
 * to be, kept as typed for the schema to read, check and seal. A code field under another name would be
 * masked and so refused by its schema: noticed, not leaked.
 */
export const codeFields: ReadonlySet<string> = new Set(['subjectId', 'residentId', 'uscc', 'grantee', 'legalRepresentativeIdNumber']);

/**
 * A parsed JSON value with `maskIdsInText` applied to every string in it (keys stay), except the values
 * of the fields in `keep`. Request bodies pass here before validation (`codeFields` kept), so no free
 * text a caller wrote (reasons, remarks, facts, names, notes, file names, purposes) is stored with a
 * number in it; log entries pass with nothing kept.
 */
export function maskIdsInValue(value: unknown, keep: ReadonlySet<string> = new Set()): unknown {
  const mask = (v: unknown, key?: string): unknown => (typeof v !== 'string' ? v : key !== undefined && keep.has(key) ? v : maskIdsInText(v));
  const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';
  const emptyLike = (v: object): Record<string, unknown> => (Array.isArray(v) ? [] : {}) as Record<string, unknown>;
  // Defined, not assigned: a key "__proto__" stays an own property (the schemas refuse it by name).
  const put = (target: Record<string, unknown>, key: string, item: unknown) => Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
  if (!isContainer(value)) return mask(value);
  // Without recursion: a body nested far deeper than the call stack is walked too (and refused by its schema), never a RangeError.
  const root = emptyLike(value);
  const stack: [object, Record<string, unknown>][] = [[value, root]];
  while (stack.length) {
    const [source, target] = stack.pop()!;
    const inArray = Array.isArray(source);
    for (const [k, item] of Object.entries(source)) {
      if (isContainer(item)) {
        const copy = emptyLike(item);
        put(target, k, copy);
        stack.push([item, copy]);
      } else put(target, k, mask(item, inArray ? undefined : k));
    }
  }
  return root;
}
