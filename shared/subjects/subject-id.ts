import { z } from 'zod';
import type { IsoDate } from '../calendar/dates.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { validationDay } from '../time/request-day.ts';
import { normaliseCode } from './normalise.ts';
import { residentIdProblem } from './resident-id.ts';
import { usccProblem } from './uscc.ts';

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
 * Reads a subject ID as typed (full-width, lower case and spaces allowed) and says which kind it is.
 * A string of 17 digits and a digit or X is tried as a resident ID first, then as a USCC (a USCC can be
 * all digits too); anything else can only be a USCC. Given `today`, a person is born by then.
 */
export function parseSubjectId(raw: string, today?: IsoDate): { type: SubjectIdType; id: string } {
  const id = normaliseCode(raw);
  if (id.length === 0) throw new SubjectIdError('must not be empty');
  if (id.length !== 18)
    throw new SubjectIdError(`must be 18 characters (a unified social credit code or a resident ID number), not ${id.length}`);
  const uscc = usccProblem(id);
  if (residentIdShape.test(id)) {
    const resident = residentIdProblem(id, today);
    if (resident === undefined) return { type: 'residentId', id };
    if (uscc === undefined) return { type: 'uscc', id };
    throw new SubjectIdError(
      `is neither a valid unified social credit code (${uscc}) nor a valid resident ID number (${resident})`,
    );
  }
  if (uscc === undefined) return { type: 'uscc', id };
  throw new SubjectIdError(`is not a valid unified social credit code: ${uscc}`);
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
  checked(usccProblem),
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
