import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { runQueryBody } from '../api/consents.ts';
import { presentRecord } from '../records/present-record.ts';
import { statusOf } from '../records/record-status.ts';
import { localDate } from '../calendar/dates.ts';
import type { CheckLogEntry } from '../checks/check-log-entry.ts';
import { logCheck } from '../checks/check-store.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../identity/caller.ts';
import { listStatus } from '../measures/select-measures.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { isInForce } from '../records/record-status.ts';
import { readSubject } from '../records/record-store.ts';
import { reportStatus } from '../reports/report-rules.ts';
import { validReports } from '../reports/subject-reports.ts';
import { consentPurposeLabels } from './consent.ts';
import { consentAllows } from './consent-rule.ts';
import { getConsent } from './consent-store.ts';
import { presentConsent } from './present-consent.ts';

/** How a query's purpose reads where a check shows its matter (the usage log, "who looked at me"). */
export const queryMatterType = 'consentedQuery';
const queryMatterName = '经授权查询';

/**
 * POST /queries: an institution reads what a subject consented to. The consent is read by id (strongly
 * consistent) and must be live today (county-local), granted by that subject to the caller, and cover
 * what is asked (`consentAllows`). Then the subject's records in force within the scope (public or not
 * yet: the consent is the lawful basis, 001 §六(三)), resident IDs masked, and the metadata of its valid
 * reports within the scope are answered, and the query is written to the usage log like a check, before
 * answering. Refused, the attempt is logged too (marked refused, nothing read) and answered 403 with
 * the refusal's code: the subject sees both in GET /me/checks. No Idempotency-Key: every request is a
 * look at the subject's information, and is logged as one.
 */
export async function runQuery(args: { body: z.output<typeof runQueryBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  const today = localDate(now, county.timeZone);
  const subjectKey = await subjectKeyOf(body.subjectId);
  const consent = await getConsent(body.consentId);
  const decision = consentAllows(consent, { grantee: caller.orgId, subjectId: subjectKey, wants: body.scope }, today);

  const at = now.toISOString();
  const shownId = body.subjectId.type === 'residentId' ? maskResidentId(body.subjectId.id) : body.subjectId.id;
  const logged = {
    checkId: `qry_${randomBytes(16).toString('base64url').slice(0, 22)}`,
    kind: 'query',
    checkedAt: at,
    checkedOn: today,
    departmentOrgId: caller.orgId,
    userId: caller.userId,
    consentId: body.consentId,
    measures: [],
    outcome: null,
  } satisfies Partial<CheckLogEntry>;

  if (!decision.allowed) {
    await logCheck({
      ...logged,
      subject: { id: subjectKey, type: body.subjectId.type, ...masked(shownId, body.subjectId.type), name: null, known: false },
      matter: { type: queryMatterType, typeName: queryMatterName, reference: body.consentId, name: body.purpose },
      records: [],
      lists: { redListed: false, blackListed: false, dishonestDebtor: false },
      reports: [],
      refused: { code: decision.code, at },
    });
    throw new AppError(403, decision.code, decision.reason);
  }

  const { scope } = decision;
  const granted = consent!;
  const subject = await readSubject(subjectKey);
  const records = scope.records
    ? subject.records
        .map((record) => ({ record, status: statusOf(record, today) }))
        .filter(({ record, status }) => isInForce(status) && (!scope.kinds || scope.kinds.includes(record.kind)))
        .sort((a, b) => b.record.decisionDate.localeCompare(a.record.decisionDate))
    : [];
  const reports = scope.reports ? validReports(subject.reports, today) : [];
  const lists = listStatus(
    records.map(({ record, status }) => ({
      recordId: record.recordId,
      kind: record.kind,
      listName: 'listName' in record.input ? (record.input.listName as string) : undefined,
      decisionDate: record.decisionDate,
      status,
    })),
  );
  const subjectName = subject.profile?.subjectName ?? null;
  await logCheck({
    ...logged,
    subject: { id: subjectKey, type: body.subjectId.type, ...masked(shownId, body.subjectId.type), name: subjectName, known: subject.records.length > 0 },
    matter: {
      type: queryMatterType,
      typeName: `${queryMatterName}（${consentPurposeLabels[granted.purpose.category]}）`,
      reference: body.consentId,
      name: body.purpose,
    },
    records: records.map(({ record, status }) => ({
      recordId: record.recordId,
      version: record.version,
      kind: record.kind,
      status,
      decisionNumber: record.decisionNumber,
      decisionDate: record.decisionDate,
      providerOrgId: record.providerOrgId,
      ...(record.objectionId ? { objectionId: record.objectionId } : {}),
    })),
    lists: { redListed: lists.redListed, blackListed: lists.blackListed, dishonestDebtor: lists.dishonestDebtor },
    reports: reports.map((r) => ({ reportId: r.reportId, reportNumber: r.reportNumber, agencyId: r.agencyId, validUntil: r.validUntil })),
  });

  return {
    queryId: logged.checkId,
    queriedAt: at,
    subject: {
      id: shownId,
      type: body.subjectId.type,
      name: subjectName,
    },
    consent: presentConsent(granted, today),
    scope,
    records: await Promise.all(records.map(({ record }) => presentRecord(record, today, false))),
    // The details of each report, not the PDF: the consent lets the institution know of them, not receive the agency's file.
    reports: reports.map(({ objectKey: _key, subjectId: _id, subjectType: _type, ...details }) => ({ ...details, status: reportStatus(details, today) })),
  };
}

/** A person's ID as the log shows it (masked); the number itself is never logged, sealed or not: a query needs no one to see it whole. */
const masked = (shownId: string, type: 'uscc' | 'residentId') => (type === 'residentId' ? { maskedId: shownId } : {});
