import type { CountyConfig } from '../config/county-config.ts';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { Caller } from '../identity/caller.ts';
import { protectInput } from './protected-input.ts';
import { pushRecords } from './push-records.ts';
import type { RecordInput } from './record-input.ts';
import { latestVersion, storeCorrection } from './record-store.ts';
import { buildRecordVersion, keepFirstReceipt } from './stored-record.ts';

/** What became of one imported row's record. `field` is the record's path (`subject.uscc`), for the importer to name by its column. */
export type ImportedRecord =
  | { status: 'created' | 'unchanged' | 'corrected'; recordId: string }
  | { status: 'refused'; field: string; rule: string };

/**
 * Records a department imports from a spreadsheet: stored as a push stores them (validated again on the
 * request's day, idempotent on department, kind and decision number), and where a row changes a record already
 * stored with the same decision number, the row is a correction of it: a new version, history kept, with
 * `reason` (which file and row). A record with an open objection or repair is corrected in that case, not here.
 */
export async function storeImportedRecords(args: { inputs: RecordInput[]; reasons: string[]; caller: Caller; county: CountyConfig; now: Date }): Promise<ImportedRecord[]> {
  const pushed = await pushRecords({ records: args.inputs, caller: args.caller, county: args.county, now: args.now, fieldPrefix: () => '' });
  return Promise.all(
    pushed.map(async (result, index): Promise<ImportedRecord> => {
      if (result.status === 'invalid') return { status: 'refused', field: result.error.field, rule: result.rule };
      if (result.status === 'created') return { status: 'created', recordId: result.recordId };
      if (result.status === 'existing') return { status: 'unchanged', recordId: result.recordId };
      return correctFromImport(result.recordId, args.inputs[index]!, args.reasons[index]!, args);
    }),
  );
}

async function correctFromImport(recordId: string, input: RecordInput, reason: string, args: { caller: Caller; county: CountyConfig; now: Date }): Promise<ImportedRecord> {
  const today = localDate(args.now, args.county.timeZone);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const current = await latestVersion(recordId);
    if (!current) return { status: 'refused', field: 'decisionNumber', rule: 'the record with this decision number could not be read; import the row again' };
    if (current.openCaseId)
      return { status: 'refused', field: 'decisionNumber', rule: `an objection or repair (${current.openCaseId}) is open on this record: its correction is made in that case` };
    const corrected = buildRecordVersion({
      input: await protectInput(input),
      providerOrgId: current.providerOrgId,
      receivedAt: args.now,
      receivedOn: today,
      county: args.county,
      calendar: workingDayCalendar(args.county.calendar),
      version: current.version + 1,
      correction: { reason, previousVersion: current.version },
    });
    // The same row imported again after its correction is stored: nothing changes.
    if (corrected.bodyHash === current.bodyHash) return { status: 'unchanged', recordId };
    if ((await storeCorrection(current, keepFirstReceipt(current, corrected))) === 'stored') return { status: 'corrected', recordId };
  }
  return { status: 'refused', field: 'decisionNumber', rule: 'the record was being corrected at the same time; import the row again' };
}
