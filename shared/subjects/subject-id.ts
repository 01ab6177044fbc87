import * as z from 'zod';
import type { IsoDate } from '../calendar/dates.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { validationDay } from '../time/request-day.ts';
import { normaliseCode } from './normalise.ts';
import { birthDateOf, hasResidentAddressPrefix, residentIdProblem } from './resident-id.ts';
import { usccOrganisationCodeProblem, usccProblem } from './uscc.ts';

/** How a subject is identified: organisations (and most individual businesses) by USCC, natural persons by resident ID. */
export type SubjectIdType = 'uscc' | 'residentId';
export const subjectIdTypes = ['uscc', 'residentId'] as const satisfies readonly SubjectIdType[];

/** A subject ID that is neither a valid USCC nor a valid resident ID; `rule` says why, without echoing the ID (it may be personal data). */
export class SubjectIdError extends Error {
  constructor(readonly rule: string) {
    super(rule);
    this.name = 'SubjectIdError';
  }
}

const residentIdShape = /^\d{17}[\dX]$/;

/**
 * Whether a canonical 18-character code reads as a resident ID number, whatever its check digit says:
 * 17 digits and a digit or X, a province in characters 1–2 and a birth date (1900–2099) in 7–14. Such a
 * string is judged as a resident ID first; it is a USCC only with more evidence than one check character
 * that may match by chance (1 in 31): see `parseSubjectId`.
 */
export function readsAsResidentId(id: string): boolean {
  return residentIdShape.test(id) && hasResidentAddressPrefix(id) && /^(19|20)$/.test(id.slice(6, 8)) && birthDateOf(id) !== undefined;
}

const residentReading = 'reads as a resident ID number (a province code in characters 1–2, a birth date in characters 7–14)';

/**
 * Reads a subject ID as typed (full-width, lower case and spaces allowed) and says which kind it is, by
 * one rule that never depends on which check happens to pass:
 * - a string that `readsAsResidentId` is a resident ID when it is a valid one. When it is not, it is a USCC
 *   only if it passes every USCC rule *and* the GB 11714 check of its organisation code (characters 9–17),
 *   which every issued code we know satisfies: a mistyped ID number then passes as a USCC only if two
 *   independent check characters both match by chance (about 1 in 341), not one (1 in 31). Otherwise it
 *   is refused, naming the ID rule it breaks.
 * - anything else is a USCC or refused, naming the USCC rule it breaks (and the ID rule, when it has the
 *   shape of an ID number).
 * A valid USCC and a valid resident ID at once is read as the resident ID (personal data is masked; a
 * USCC is not).
 */
export function parseSubjectId(raw: string, today?: IsoDate): { type: SubjectIdType; id: string } {
  const id = normaliseCode(raw);
  if (id.length === 0) throw new SubjectIdError('must not be empty');
  if (id.length !== 18)
    throw new SubjectIdError(`must be 18 characters (a unified social credit code or a resident ID number), not ${id.length}`);
  const uscc = usccProblem(id);
  if (readsAsResidentId(id)) {
    const resident = residentIdProblem(id, today);
    if (resident === undefined) return { type: 'residentId', id };
    // A valid number but for a birth date after today: a person's number, and that is all that is wrong with it.
    if (residentIdProblem(id) === undefined) throw new SubjectIdError(resident);
    if (uscc === undefined && usccOrganisationCodeProblem(id) === undefined) return { type: 'uscc', id };
    throw new SubjectIdError(
      `${residentReading} but is not a valid one (${resident}), nor a valid unified social credit code (${uscc ?? usccOrganisationCodeProblem(id)})`,
    );
  }
  if (residentIdShape.test(id)) {
    if (uscc === undefined) return { type: 'uscc', id };
    throw new SubjectIdError(
      `is neither a valid unified social credit code (${uscc}) nor a valid resident ID number (${residentIdProblem(id)})`,
    );
  }
  if (uscc === undefined) return { type: 'uscc', id };
  throw new SubjectIdError(`is not a valid unified social credit code: ${uscc}`);
}

/** A code given where only a USCC belongs: the USCC rules, and no resident ID number read as one. */
function readUscc(code: string): string {
  const rule = usccProblem(code);
  if (rule !== undefined) throw new SubjectIdError(rule);
  if (parseSubjectId(code).type === 'residentId')
    throw new SubjectIdError(`${residentReading} and is a valid one: a person's ID number is not a unified social credit code`);
  return code;
}

const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

/** A zod string read by `read` after normalising; a thrown SubjectIdError becomes the issue message. */
const codeSchema = <T>(read: (code: string) => T, description: string) =>
  text()
    .transform((raw, ctx) => {
      try {
        return read(normaliseCode(raw));
      } catch (error) {
        if (!(error instanceof SubjectIdError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.rule, input: raw });
        return z.NEVER;
      }
    })
    .describe(description);

const checked = (problem: (code: string) => string | undefined) => (code: string) => {
  const rule = problem(code);
  if (rule !== undefined) throw new SubjectIdError(rule);
  return code;
};

/**
 * A USCC or a resident ID; the output is `{ type, id }` in canonical form. An API error reads `body.subjectId: <rule>`.
 * Parsed for a request (shared/time/request-day.ts), a resident ID's birth date is not after the request's day.
 */
export const subjectIdSchema = codeSchema(
  (code) => parseSubjectId(code, validationDay()),
  '统一社会信用代码或公民身份号码（18位）/ USCC or resident ID number (18 characters)',
);

/** A unified social credit code, normalised (full-width, lower case and spaces allowed in input). */
export const usccSchema = codeSchema(
  readUscc,
  '统一社会信用代码（18位）/ unified social credit code (GB 32100-2015)',
);

/** A resident ID number, normalised (a lower-case x is read as X). */
export const residentIdSchema = codeSchema(
  checked((code) => residentIdProblem(code, validationDay())),
  '公民身份号码（18位）/ resident ID number (GB 11643-1999)',
);

/** A subject ID as shown to a reader: resident IDs masked (first 6, last 4) unless the reader may see them whole. */
export function displaySubjectId(id: string, type: SubjectIdType, unmasked: boolean): string {
  return type === 'residentId' && !unmasked ? maskResidentId(id) : id;
}
