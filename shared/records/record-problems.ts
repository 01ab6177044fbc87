import type { IsoDate } from '../calendar/dates.ts';
import { validatingOn } from '../time/request-day.ts';
import { recordDateProblems } from './record-dates.ts';
import { recordInput, type RecordInput } from './record-input.ts';

/** A rule a record breaks: the field as a path in the record (`subject.uscc`), and the schema's words. */
export interface RecordProblem {
  field: string;
  rule: string;
}

/**
 * Every rule a record breaks on `today` (the request's county-local day): the schema's, then, once the
 * schema holds, those that need today (record-dates.ts). A push refuses a record on the first of them; the
 * preview (POST /records/preview) answers them all. One path for both, so the form says what a push would.
 */
export function recordProblems(raw: unknown, today: IsoDate): { ok: true; input: RecordInput } | { ok: false; problems: RecordProblem[] } {
  const parsed = validatingOn(today, () => recordInput.safeParse(raw));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', rule: issue.message })) };
  const problems = recordDateProblems(parsed.data, today);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, input: parsed.data };
}
