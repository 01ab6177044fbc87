import { createHash } from 'node:crypto';
import { accessPolicy, readSubject, statusOf } from '../records/port.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { consentAllows, consentPurposeLabels, getConsent, logConsentedRead, newQueryId, type ConsentDecision } from '../consents/port.ts';
import { forbidden, notFound, NotPermitted } from '../errors/domain-errors.ts';
import type { HttpFile } from '../http/http-handler.ts';
import type { Caller } from '../identity/caller.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { recordKinds } from '../config/record-kinds.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';
import { buildReportContent } from './report-content.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import { groupedCode, newVerificationCode } from './verification-code.ts';
import { putReportVerification } from './verification-store.ts';
import { nationalListsOfSubject } from '../national-lists/port.ts';

const reportName = '公共信用信息报告';

/**
 * GET /subjects/{subjectId}/report.pdf: the subject's public credit information report, as a PDF with a
 * verification code.
 *
 * - Who (access-policy.ts `creditReport`): the subject itself, the credit office, or an institution
 *   naming a consent of the subject's that `consentAllows` finds live and covering its records of every
 *   kind (a report shows every section: a consent limited to some kinds is OUT_OF_SCOPE). An
 *   institution's report is logged like a query (run-query.ts `logConsentedRead`), refused or not, so the
 *   subject sees it in GET /me/checks; refusals are 403 with the query's codes. Another subject: 403.
 * - What: the subject's records in force and public (report-content.ts); the ID number whole only for
 *   the person and the credit office (`revealIds`), masked for anyone else and in the verification.
 * - The verification (what the report said, and the SHA-256 of the bytes sent) is stored under the
 *   code before the PDF is answered: a report in someone's hands can always be checked.
 */
export async function generateCreditReport(args: {
  subjectId: { type: SubjectIdType; id: string };
  consentId: string | undefined;
  caller: Caller;
  county: CountyConfig;
  now: Date;
}): Promise<{ file: HttpFile; code: string }> {
  const { subjectId, caller, county, now } = args;
  const today = localDate(now, county.timeZone);
  const subjectKey = await subjectKeyOf(subjectId);
  const consent = caller.role === 'institution' && args.consentId !== undefined ? await getConsent(args.consentId) : undefined;
  const decision: ConsentDecision | undefined =
    caller.role === 'institution' ? consentAllows(consent, { grantee: caller.orgId, subjectId: subjectKey, wants: { records: true, kinds: [...recordKinds] } }, today) : undefined;
  const read = { checkId: newQueryId(), caller, consentId: args.consentId, subject: { key: subjectKey, id: subjectId }, now, today, countyId: county.id };

  if (!accessPolicy.creditReport(caller, subjectKey, decision)) {
    if (decision && !decision.allowed) {
      await logConsentedRead({ ...read, matter: { typeName: reportName, name: reportName }, refused: decision });
      throw new NotPermitted(decision.reason, decision.code);
    }
    throw forbidden('a credit report is for its subject, the credit office, or an institution with the subject’s consent');
  }

  const [subject, national] = await Promise.all([readSubject(subjectKey), nationalListsOfSubject({ subjectKey, county, today })]);
  // A subject the platform knows only from a national list is named as the list names it.
  const subjectName = subject.profile?.subjectName ?? national.entries[0]?.subject.name;
  if (subjectName === undefined) throw notFound(`subject ${subjectId.type === 'residentId' ? maskResidentId(subjectId.id) : subjectId.id}`);
  const maskedId = subjectId.type === 'residentId' ? maskResidentId(subjectId.id) : subjectId.id;
  const code = newVerificationCode();
  const content = buildReportContent({
    subject: { name: subjectName, id: accessPolicy.revealIds(caller, subjectKey) ? subjectId.id : maskedId, type: subjectId.type },
    records: subject.records,
    county,
    today,
    generatedAt: now.toISOString(),
    national,
  });
  const { pdf, pages } = await renderReportPdf(content, code);

  await putReportVerification({
    code,
    subject: { name: content.subject.name, id: maskedId, type: subjectId.type },
    generatedAt: content.generatedAt,
    generatedOn: content.generatedOn,
    flags: { incentiveObject: content.flags.incentiveObject, punishmentObject: content.flags.punishmentObject },
    sections: content.sections.map(({ id, heading, count }) => ({ id, heading, count })),
    ...(content.nationalLists
      ? { nationalLists: { count: content.nationalLists.entries.length, sources: content.nationalLists.sources.map((s) => ({ source: s.source, name: s.name, listDate: s.listDate, stale: s.stale })) } }
      : {}),
    sha256: createHash('sha256').update(pdf).digest('hex'),
    bytes: pdf.length,
    pages,
    requestedBy: { role: caller.role, orgId: caller.orgId, ...(args.consentId && decision ? { consentId: args.consentId } : {}) },
  });
  if (decision?.allowed) {
    const shownIds = new Set(content.sections.flatMap((s) => s.items.map((i) => i.recordId)));
    await logConsentedRead({
      ...read,
      matter: { typeName: `${reportName}（${consentPurposeLabels[consent!.purpose.category]}）`, name: `${reportName} ${groupedCode(code)}` },
      shown: {
        subjectName: content.subject.name,
        known: true,
        records: subject.records.filter((r) => shownIds.has(r.recordId)).map((record) => ({ record, status: statusOf(record, today) })),
        reports: [],
      },
    });
  }

  return {
    code,
    file: {
      content: pdf,
      contentType: 'application/pdf',
      fileName: `${reportName}-${content.subject.name}-${today}.pdf`,
      asciiFileName: `credit-report-${today}-${groupedCode(code)}.pdf`,
    },
  };
}

