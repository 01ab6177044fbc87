import type { z } from 'zod';
import type { correctRecordBody } from './api.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { Caller } from '../identity/caller.ts';
import { CaseAlreadyOpen, conflict, forbidden, notFound, validationFailed } from '../errors/domain-errors.ts';
import { accessPolicy } from './access-policy.ts';
import { presentRecord } from './present-record.ts';
import { protectInput } from './protected-input.ts';
import { withWarnings } from '../subjects/code-warnings.ts';
import { recordCodeWarnings } from './record-code-warnings.ts';
import { recordDateProblems } from './record-dates.ts';
import { latestVersion, storeCorrection } from './record-store.ts';
import { buildRecordVersion, keepFirstReceipt, recordIdFor } from './stored-record.ts';

/**
 * PUT /records/{id}: the providing department corrects its record. The correction is a new version
 * (history kept); kind and decision number are the record's identity and cannot change.
 */
export async function correctRecord(args: { recordId: string; body: z.output<typeof correctRecordBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const current = await latestVersion(args.recordId);
  // A record the caller may not see is not found (its id is computable from a decision number); one it sees but did not provide is 403.
  if (!current || !accessPolicy.seeRecord(args.caller, current, today)) throw notFound(`record ${args.recordId}`);
  if (!accessPolicy.correctRecord(args.caller, current)) throw forbidden('only the department that provided a record may correct it');
  if (current.openCaseId)
    throw new CaseAlreadyOpen(`case ${current.openCaseId} is open on this record: answer it (a correction is one of its outcomes) instead of correcting the record directly`);
  const input = args.body.record;
  if (recordIdFor(args.caller.orgId, input.kind, input.decisionNumber) !== current.recordId)
    throw validationFailed('body.record.decisionNumber', 'kind and decision number identify the record and cannot change in a correction');
  const problem = recordDateProblems(input, today)[0];
  if (problem) throw validationFailed(`body.record.${problem.field}`, problem.rule);
  if (args.body.expectedVersion !== current.version)
    throw conflict(`the record is at version ${current.version}, not ${args.body.expectedVersion}: reread it and correct that version`, 'body.expectedVersion');
  const corrected = buildRecordVersion({
    input: await protectInput(input),
    providerOrgId: current.providerOrgId,
    receivedAt: args.now,
    receivedOn: today,
    county: args.county,
    calendar: workingDayCalendar(args.county.calendar),
    version: current.version + 1,
    correction: { reason: args.body.reason, previousVersion: current.version },
    ...(args.caller.system ? { system: args.caller.system } : {}),
  });
  const next = keepFirstReceipt(current, corrected);
  if ((await storeCorrection(current, next)) === 'stale')
    throw conflict('the record was corrected, or a case was opened on it, concurrently: reread it', 'body.expectedVersion');
  return { ...(await presentRecord(next, today, accessPolicy.revealIds(args.caller, next.subjectId))), ...withWarnings(recordCodeWarnings(input, 'body.record.')) };
}
