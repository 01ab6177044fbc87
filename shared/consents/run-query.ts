import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { runQueryBody } from './api.ts';
import { isInForce, presentRecord, readSubject, statusOf, type RecordStatus, type StoredRecord } from '../records/port.ts';
import { localDate, type IsoDate } from '../calendar/dates.ts';
import { listStatus, logCheck, loggedRecord, loggedReport } from '../checks/port.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { NotPermitted } from '../errors/domain-errors.ts';
import type { Caller } from '../identity/caller.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { reportDetails, reportStatus, reportsOf, validReports, type StoredReport } from '../reports/port.ts';
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

  const read = {
    checkId: newQueryId(),
    countyId: county.id,
    caller,
    consentId: body.consentId,
    subject: { key: subjectKey, id: body.subjectId },
    now,
    today,
  };
  const shownId = body.subjectId.type === 'residentId' ? maskResidentId(body.subjectId.id) : body.subjectId.id;

  if (!decision.allowed) {
    await logConsentedRead({ ...read, matter: { typeName: queryMatterName, name: body.purpose }, refused: decision });
    throw new NotPermitted(decision.reason, decision.code);
  }

  const { scope } = decision;
  const granted = consent!;
  const subject = await readSubject(subjectKey);
  const records = scope.records
    ? subject.records
        .map((record) => ({ record, status: statusOf(record, today) }))
        // A record withheld from publication (不予公示) serves departments' checks only: a consent does not open it to a third party.
        .filter(({ record, status }) => isInForce(status) && record.withheld === undefined && (!scope.kinds || scope.kinds.includes(record.kind)))
        .sort((a, b) => b.record.decisionDate.localeCompare(a.record.decisionDate))
    : [];
  const reports = scope.reports ? validReports(reportsOf(subject), today) : [];
  const subjectName = subject.profile?.subjectName ?? null;
  await logConsentedRead({
    ...read,
    matter: { typeName: `${queryMatterName}（${consentPurposeLabels[granted.purpose.category]}）`, name: body.purpose },
    shown: { subjectName, known: subject.records.length > 0, records, reports },
  });

  return {
    queryId: read.checkId,
    queriedAt: now.toISOString(),
    subject: {
      id: shownId,
      type: body.subjectId.type,
      name: subjectName,
    },
    consent: presentConsent(granted, today),
    scope,
    records: await Promise.all(records.map(({ record }) => presentRecord(record, today, false))),
    // The details of each report, not the PDF: the consent lets the institution know of them, not receive the agency's file.
    reports: reports.map((report) => ({ ...reportDetails(report), status: reportStatus(report, today) })),
  };
}

/** A consented read's id in the usage log (`qry_…`): a query's, or a credit report's (shared/credit-report/). */
export const newQueryId = (): string => `qry_${randomBytes(16).toString('base64url').slice(0, 22)}`;

/**
 * Writes a consented read of a subject (POST /queries, or a credit report an institution asks for) to
 * the usage log like a check, as the institution's (`kind: query`), so the subject sees it in GET
 * /me/checks: what it showed, or, `refused`, that nothing was shown and why. A person is logged by its
 * key and masked ID, never the number, sealed or not: no one needs to see it whole here.
 */
export async function logConsentedRead(read: {
  checkId: string;
  /** The county whose usage log logs it. */
  countyId: string;
  caller: Caller;
  /** The consent the institution named (none: refused as CONSENT_REQUIRED). */
  consentId: string | undefined;
  subject: { key: string; id: { type: 'uscc' | 'residentId'; id: string } };
  now: Date;
  today: IsoDate;
  /** How the read shows as a matter: its kind (typeName) and the purpose the institution gave (name). */
  matter: { typeName: string; name: string };
  refused?: { code: string };
  shown?: { subjectName: string | null; known: boolean; records: { record: StoredRecord; status: RecordStatus }[]; reports: StoredReport[] };
}): Promise<void> {
  const at = read.now.toISOString();
  const { type, id } = read.subject.id;
  const shown = read.shown ?? { subjectName: null, known: false, records: [], reports: [] };
  const lists = listStatus(
    shown.records.map(({ record, status }) => ({
      recordId: record.recordId,
      kind: record.kind,
      listName: 'listName' in record.input ? (record.input.listName as string) : undefined,
      decisionDate: record.decisionDate,
      status,
    })),
  );
  await logCheck({
    checkId: read.checkId,
    kind: 'query',
    checkedAt: at,
    checkedOn: read.today,
    departmentOrgId: read.caller.orgId,
    userId: read.caller.userId,
    ...(read.consentId !== undefined ? { consentId: read.consentId } : {}),
    measures: [],
    outcome: null,
    subject: { id: read.subject.key, type, ...(type === 'residentId' ? { maskedId: maskResidentId(id) } : {}), name: shown.subjectName, known: shown.known },
    matter: { type: queryMatterType, typeName: read.matter.typeName, reference: read.consentId ?? '', name: read.matter.name },
    records: shown.records.map(({ record, status }) => loggedRecord(record, status)),
    lists: { redListed: lists.redListed, blackListed: lists.blackListed, dishonestDebtor: lists.dishonestDebtor },
    reports: shown.reports.map(loggedReport),
    ...(read.refused ? { refused: { code: read.refused.code, at } } : {}),
  }, read.countyId);
}
