import { createHash, randomUUID } from 'node:crypto';
import type { CountyConfig } from '../config/county-config.ts';
import { localDate } from '../calendar/dates.ts';
import { accessPolicy } from '../access/access-policy.ts';
import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../http/errors.ts';
import { listStatus, selectMeasures } from '../measures/select-measures.ts';
import { presentRecord } from '../records/present-record.ts';
import { isInForce, statusOf } from '../records/record-status.ts';
import { readSubject } from '../records/record-store.ts';
import { protectSubjectId } from '../privacy/personal-ids.ts';
import { usccWarnings, withWarnings } from '../subjects/code-warnings.ts';
import { residentIdProblem } from '../subjects/resident-id.ts';
import { logCheck } from './check-store.ts';
import { presentReport, validReports } from '../reports/subject-reports.ts';
import { loggedRecord, loggedReport, type CheckLogEntry } from './check-log-entry.ts';
import { presentCheckSubject } from './list-checks.ts';

export interface CheckRequest {
  subjectId: { type: 'uscc' | 'residentId'; id: string };
  matter: { type: string; reference: string; name: string };
}

/**
 * A credit check for a matter (逢办必查): reads everything about the subject in one query, keeps the
 * records in force, selects the measures of the county catalog for this matter type, and writes the
 * check to the usage log (one put) before answering. The check is the lawful purpose for which the
 * department sees the records in force, whoever provided them. An unknown subject is "no records".
 */
export async function runCheck(args: { request: CheckRequest; caller: Caller; county: CountyConfig; now: Date; idempotencyKey?: string }) {
  const { request, caller, county, now } = args;
  const matterType = county.matterTypes.find((m) => m.id === request.matter.type);
  if (!matterType) throw validationFailed('body.matter.type', `must be one of the county's matter types: ${county.matterTypes.map((m) => m.id).join(', ')}`);

  const today = localDate(now, county.timeZone);
  // The schema checked the code's form; a birth date after today needs today.
  const idRule = request.subjectId.type === 'residentId' ? residentIdProblem(request.subjectId.id, today) : undefined;
  if (idRule !== undefined) throw validationFailed('body.subjectId', idRule);
  const warnings = request.subjectId.type === 'uscc' ? usccWarnings(request.subjectId.id, 'body.subjectId') : [];
  const who = await protectSubjectId(request.subjectId);
  const subject = await readSubject(who.key);
  // Each record's status today, computed once for the receipt and for measure selection.
  const withStatus = subject.records.map((record) => ({ record, status: statusOf(record, today) }));
  const inForce = withStatus
    .filter(({ status }) => isInForce(status))
    .sort((a, b) => b.record.decisionDate.localeCompare(a.record.decisionDate));
  // Bad records that expired still count against a clean history; selectMeasures decides which count.
  const forMeasures = withStatus.map(({ record, status }) => ({
    recordId: record.recordId,
    kind: record.kind,
    listName: 'listName' in record.input ? (record.input.listName as string) : undefined,
    decisionDate: record.decisionDate,
    status,
    objectionId: record.objectionId,
  }));
  const measures = selectMeasures({ measures: county.measures, matterType: matterType.id, records: forMeasures, today, objectionPolicy: county.cases.keepPunishmentsDuringObjection });
  const reports = validReports(subject.reports, today);
  const lists = listStatus(forMeasures.filter((r) => isInForce(r.status)));

  const checkedAt = now.toISOString();
  const checkId = args.idempotencyKey
    ? `chk_${createHash('sha256').update(`${caller.orgId}\u0000${args.idempotencyKey}`).digest('base64url').slice(0, 22)}`
    : `chk_${randomUUID().replace(/-/g, '').slice(0, 22)}`;
  const entry: CheckLogEntry = {
    checkId,
    checkedAt,
    checkedOn: today,
    departmentOrgId: caller.orgId,
    userId: caller.userId,
    subject: { id: who.key, type: request.subjectId.type, maskedId: who.masked, ...(who.sealed ? { sealedId: who.sealed } : {}), name: subject.profile?.subjectName ?? null, known: subject.records.length > 0 },
    matter: { type: matterType.id, typeName: matterType.name, reference: request.matter.reference, name: request.matter.name },
    records: inForce.map(({ record, status }) => loggedRecord(record, status)),
    lists: { redListed: lists.redListed, blackListed: lists.blackListed, dishonestDebtor: lists.dishonestDebtor },
    measures,
    reports: reports.map(loggedReport),
    outcome: null,
  };
  const logged = await logCheck(entry);
  const shown = logged.entry;
  const unmasked = accessPolicy.revealIds(caller, shown.subject.id);
  return {
    repeated: logged.repeated,
    // The subject's partition, then the usage log: the chain's last link and one transaction (more when a concurrent check took the position).
    requests: subject.requests + 2,
    receipt: {
      checkId: shown.checkId,
      checkedAt: shown.checkedAt,
      county: county.id,
      departmentOrgId: shown.departmentOrgId,
      subject: await presentCheckSubject(shown.subject, unmasked),
      matter: shown.matter,
      lists: { ...shown.lists, entries: lists.lists },
      // A repeated request returns the receipt as first logged; the records are those of that moment.
      records: logged.repeated ? shown.records : await Promise.all(inForce.map(({ record }) => presentRecord(record, today, unmasked))),
      // Links are signed per answer; a repeated request shows the reports it logged, those still held.
      reports: await Promise.all(
        (logged.repeated ? subject.reports.filter((r) => shown.reports.some((s) => s.reportId === r.reportId)) : reports).map((r) => presentReport(r, today, now)),
      ),
      measures: shown.measures,
      outcome: shown.outcome,
      ...withWarnings(warnings),
    },
  };
}
