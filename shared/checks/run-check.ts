import type { CountyConfig } from '../config/county-config.ts';
import { localDate, type IsoDate } from '../calendar/dates.ts';
import { accessPolicy, allVersions, isInForce, presentRecord, readSubject, statusOf, type RecordStatus, type StoredRecord } from '../records/port.ts';
import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { idempotentId, requestHash, requireSameRequest } from '../http/idempotency.ts';
import { listStatus, selectMeasures, type RecordForMeasures } from './select-measures.ts';
import { protectSubjectId } from '../privacy/personal-ids.ts';
import { usccWarnings, withWarnings } from '../subjects/code-warnings.ts';
import { residentIdProblem } from '../subjects/resident-id.ts';
import { creditCrisisAfter, presentReport, reportsOf, validReports, type StoredReport } from '../reports/port.ts';
import { logCheck } from './check-store.ts';
import { loggedRecord, loggedReport, type CheckLogEntry } from './check-log-entry.ts';
import { presentCheckSubject } from './present-check.ts';
import { commitmentRecordInput, takeCommitment, type CommitmentAtCheck } from '../commitments/port.ts';
import { matterListInForce, type MatterListInForce } from '../matter-lists/port.ts';
import { checkedListItem, measuresOfItem, presentReportRequirement } from './list-item.ts';
import { entryForMeasures, nationalListsOfSubject } from '../national-lists/port.ts';

export interface CheckRequest {
  subjectId: { type: 'uscc' | 'residentId'; id: string };
  /** `listItem`: the item of the department's matter list in force (事项清单) the check serves. */
  matter: { type: string; reference: string; name: string; listItem?: string };
  /** A commitment taken at the point of approval (告知承诺, 容缺受理, 信用承诺), where the county offers it for the matter type. */
  commitment?: CommitmentAtCheck;
}

/**
 * A credit check for a matter (逢办必查): reads everything about the subject in one query, keeps the
 * records in force, selects the measures of the county catalog for this matter type, and writes the
 * check to the usage log (one put) before answering. The check is the lawful purpose for which the
 * department sees the records in force, whoever provided them. An unknown subject is "no records".
 *
 * With an `Idempotency-Key` (shared/http/idempotency.ts) the check id follows from the department and
 * the key, and the check keeps the hash of what was asked: the same request again (a retry, or both at
 * once) answers the receipt of the check first logged, as it was; another request under the key is 409.
 */
export async function runCheck(args: { request: CheckRequest; caller: Caller; county: CountyConfig; now: Date; idempotencyKey?: string; matterList?: MatterListInForce | null }) {
  const { request, caller, county, now } = args;
  const matterType = county.matterTypes.find((m) => m.id === request.matter.type);
  if (!matterType) throw validationFailed('body.matter.type', `must be one of the county's matter types: ${county.matterTypes.map((m) => m.id).join(', ')}`);

  const today = localDate(now, county.timeZone);
  // The schema checked the code's form; a birth date after today needs today.
  const idRule = request.subjectId.type === 'residentId' ? residentIdProblem(request.subjectId.id, today) : undefined;
  if (idRule !== undefined) throw validationFailed('body.subjectId', idRule);
  const warnings = request.subjectId.type === 'uscc' ? usccWarnings(request.subjectId.id, 'body.subjectId') : [];
  const checkId = idempotentId('chk_', caller.orgId, args.idempotencyKey);
  // The list item named: of the department's list in force (a batch reads it once for all its checks: `matterList`, null for none).
  const listItem =
    request.matter.listItem !== undefined
      ? checkedListItem(args.matterList === undefined ? await matterListInForce(caller.orgId) : (args.matterList ?? undefined), { type: matterType.id, listItem: request.matter.listItem })
      : undefined;
  const matter = { type: matterType.id, typeName: matterType.name, reference: request.matter.reference, name: request.matter.name, ...(listItem ? { listItem: listItem.logged } : {}) };
  // A commitment the county does not offer, or a record it could not become, refuses the check before anything is logged.
  const commitmentInput = request.commitment ? commitmentRecordInput({ commitment: request.commitment, subjectId: request.subjectId, matter, checkId, county, today }) : undefined;
  const who = await protectSubjectId(request.subjectId);
  // The subject's partition, and its entries on the national lists the county takes with each list's freshness (docs/exchange.md).
  // One strongly consistent query of the subject's partition holds its national list entries too.
  const subject = await readSubject(who.key, { consistent: true });
  const national = await nationalListsOfSubject({ subjectKey: who.key, county, today, states: subject.nationalListStates });
  // Each record's status today, computed once for the receipt and for measure selection.
  const withStatus = subject.records.map((record) => ({ record, status: statusOf(record, today) }));
  const inForce = withStatus
    .filter(({ status }) => isInForce(status))
    .sort((a, b) => b.record.decisionDate.localeCompare(a.record.decisionDate));
  // Bad records that expired still count against a clean history; selectMeasures decides which count.
  // National entries count as records of the kind the county reads their list as: its measures apply to them alike.
  const forMeasures = [...withStatus.map(({ record, status }) => forMeasuresOf(record, status)), ...national.forMeasures];
  // Shown: the entries in force and those repaired (a repair shows, and punishes no more); removed and ended ones count only for a clean history.
  const nationalShown = national.entries.filter((e) => e.status !== 'expired');
  // In a matter of the list, only the measures its item names, among those the county's rules select.
  const measures = measuresOfItem(selectMeasures({ measures: county.measures, matterType: matterType.id, records: forMeasures, today, objectionPolicy: county.cases.keepPunishmentsDuringObjection }), listItem?.item);
  const reports = validReports(reportsOf(subject), today);
  // A report the item requires: one shown, valid and not flagged for re-evaluation by a credit crisis since it was issued.
  const reportRequirement = listItem?.item.reportRequired ? { required: true as const, satisfied: reports.some((r) => !creditCrisisAfter(r, inForce)) } : undefined;
  const lists = listStatus(forMeasures.filter((r) => isInForce(r.status)));

  const checkedAt = now.toISOString();
  const entry: CheckLogEntry = {
    checkId,
    checkedAt,
    checkedOn: today,
    departmentOrgId: caller.orgId,
    userId: caller.userId,
    ...(caller.system ? { system: caller.system } : {}),
    subject: {
      id: who.key,
      type: request.subjectId.type,
      maskedId: who.masked,
      ...(who.sealed ? { sealedId: who.sealed } : {}),
      name: subject.profile?.subjectName ?? national.entries[0]?.subject.name ?? null,
      known: subject.records.length > 0 || national.entries.length > 0,
    },
    matter,
    records: inForce.map(({ record, status }) => loggedRecord(record, status)),
    lists: { redListed: lists.redListed, blackListed: lists.blackListed, dishonestDebtor: lists.dishonestDebtor },
    measures,
    nationalLists: { sources: national.sources, entries: nationalShown },
    ...(reportRequirement ? { reportRequirement } : {}),
    reports: reports.map(loggedReport),
    outcome: null,
    // What was asked, with a person's look-up key for the number: the key's binding to this request.
    ...(args.idempotencyKey !== undefined
      ? { bodyHash: requestHash({ subject: { type: request.subjectId.type, key: who.key }, matter: request.matter, ...(request.commitment ? { commitment: request.commitment } : {}) }) }
      : {}),
  };
  const logged = await logCheck(entry, county.id);
  if (logged.repeated) requireSameRequest(logged.entry.bodyHash, entry.bodyHash!);
  const shown = logged.entry;
  // After the check is logged (the commitment rests on it); idempotent, so a retry of the check completes it.
  const commitment =
    request.commitment && commitmentInput
      ? await takeCommitment({ input: commitmentInput, commitment: request.commitment, subject: { key: who.key, type: request.subjectId.type, masked: who.masked }, matter, checkId: shown.checkId, caller, county, now })
      : undefined;
  // A repeated request answers the check first logged: the records at the versions and statuses it showed, the reports it showed.
  const shownRecords = logged.repeated ? await recordsAsShown(shown, subject.records) : inForce;
  const shownReports = logged.repeated ? reportsOf(subject).filter((r) => shown.reports.some((s) => s.reportId === r.reportId)) : reports;
  return {
    repeated: logged.repeated,
    // The subject's partition, then the usage log: one PutItem.
    requests: subject.requests + national.requests + 1,
    receipt: {
      ...(await presentReceipt(shown, shownRecords, shownReports, { caller, county, now })),
      ...(commitment ? { commitment } : {}),
      // The signed promise that the check will be in its department's log (docs/usage-log.md): its receipt proves it.
      ...(logged.mark ? { logPromise: logged.mark.promise } : {}),
      ...withWarnings(warnings),
    },
  };
}

const forMeasuresOf = (record: StoredRecord, status: RecordStatus): RecordForMeasures => ({
  recordId: record.recordId,
  kind: record.kind,
  listName: 'listName' in record.input ? (record.input.listName as string) : undefined,
  decisionDate: record.decisionDate,
  status,
  objectionId: record.objectionId,
});

/** The receipt of a logged check: what it showed, presented for the department that ran it. */
async function presentReceipt(
  shown: CheckLogEntry,
  records: { record: StoredRecord; status: RecordStatus }[],
  reports: StoredReport[],
  args: { caller: Caller; county: CountyConfig; now: Date },
) {
  const unmasked = accessPolicy.revealIds(args.caller, shown.subject.id);
  const on: IsoDate = shown.checkedOn;
  return {
    checkId: shown.checkId,
    checkedAt: shown.checkedAt,
    county: args.county.id,
    departmentOrgId: shown.departmentOrgId,
    subject: await presentCheckSubject(shown.subject, unmasked),
    matter: shown.matter,
    ...(shown.system ? { system: shown.system } : {}),
    lists: { ...shown.lists, entries: listStatus([...records.map(({ record, status }) => forMeasuresOf(record, status)), ...(shown.nationalLists?.entries ?? []).map(entryForMeasures)]).lists },
    records: await Promise.all(records.map(async ({ record, status }) => ({ ...(await presentRecord(record, on, unmasked)), status }))),
    // Links are signed per answer; a repeated request shows the reports it logged, those still held.
    // A report valid for its year unless its subject met a major credit crisis since it was issued (000 二(三), 001 二(三)).
    reports: await Promise.all(
      reports.map(async (r) => {
        const shown = await presentReport(r, on, args.now);
        const crisis = creditCrisisAfter(r, records);
        return crisis ? { ...shown, reEvaluation: { reason: '报告出具后主体出现重大信用危机，需重新信用评价', since: crisis } } : shown;
      }),
    ),
    measures: shown.measures,
    ...(shown.nationalLists ? { nationalLists: shown.nationalLists } : {}),
    ...(shown.reportRequirement ? { reportRequirement: presentReportRequirement(shown.reportRequirement) } : {}),
    outcome: shown.outcome,
  };
}

/**
 * The records a logged check showed, at the versions and with the statuses it logged: the subject's
 * current copies, or (a record corrected since) the version from the record's history.
 */
async function recordsAsShown(shown: CheckLogEntry, current: StoredRecord[]): Promise<{ record: StoredRecord; status: RecordStatus }[]> {
  return Promise.all(
    shown.records.map(async (logged) => {
      const copy = current.find((r) => r.recordId === logged.recordId && r.version === logged.version);
      const record = copy ?? (await allVersions(logged.recordId)).find((r) => r.version === logged.version);
      if (!record) throw new Error(`check ${shown.checkId}: version ${logged.version} of record ${logged.recordId} is gone`);
      return { record, status: logged.status as RecordStatus };
    }),
  );
}
