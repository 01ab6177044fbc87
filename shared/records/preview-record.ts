import type { CountyConfig } from '../config/county-config.ts';
import { isDualPublicityKind, recordKinds, type RecordKind } from '../config/record-kinds.ts';
import { dateProblem } from '../calendar/date-schema.ts';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { Caller } from '../identity/caller.ts';
import { withWarnings } from '../subjects/code-warnings.ts';
import { describeProblem } from './problem-messages.ts';
import { publicationDeadline } from './publication-deadline.ts';
import { recordCodeWarnings } from './record-code-warnings.ts';
import { recordInputJsonSchema } from './record-form-schema.ts';
import { recordProblems } from './record-problems.ts';
import { latestVersion } from './record-store.ts';
import { derivedOf, recordIdFor } from './stored-record.ts';

const isKind = (kind: unknown): kind is RecordKind => typeof kind === 'string' && (recordKinds as readonly string[]).includes(kind);

/**
 * POST /records/preview: what POST /records would make of a record today, without storing it. The same
 * validation (`recordProblems`, every problem with its field named in Chinese) and the same derivation as a
 * version (`derivedOf`: the dual-publicity deadline and lateness judged on the request's day, the publicity
 * period, 不予公示), so the console shows the deadline and the 逾期 flag before submit with no rule of its
 * own. While the record is invalid, a licence or penalty with a valid decision date still gets its deadline.
 * One read: whether the department already stored a record under this decision number (then a push of
 * another body is a 409, and the form offers the correction).
 */
export async function previewRecord(args: { body: Record<string, unknown>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, county } = args;
  const today = localDate(args.now, county.timeZone);
  const calendar = workingDayCalendar(county.calendar);
  const checked = recordProblems(body, today);
  const kind = isKind(body.kind) ? body.kind : undefined;
  if (!checked.ok) {
    const schema = recordInputJsonSchema();
    const decisionDate = body.decisionDate;
    const dated = typeof decisionDate === 'string' && dateProblem(decisionDate, { notAfterToday: true }, today) === undefined;
    return {
      valid: false,
      problems: checked.problems.map((problem) => describeProblem(schema, kind, problem)),
      publication: kind && isDualPublicityKind(kind) && dated ? publicationDeadline(decisionDate, today, county, calendar) : null,
      publicity: null,
    };
  }
  const input = checked.input;
  const recordId = recordIdFor(args.caller.orgId, input.kind, input.decisionNumber);
  const stored = await latestVersion(recordId);
  return {
    valid: true,
    problems: [],
    recordId,
    ...(stored ? { existing: { recordId, version: stored.version } } : {}),
    ...derivedOf(input, today, county, calendar),
    ...withWarnings(recordCodeWarnings(input, '')),
  };
}
