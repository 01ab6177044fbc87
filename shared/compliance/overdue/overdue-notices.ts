import { addDays, type IsoDate } from '../../calendar/dates.ts';
import type { CountyConfig } from '../../config/county-config.ts';
import type { Notice } from '../../notices/port.ts';
import { maskPersonName } from '../../privacy/person-name-mask.ts';
import { maskResidentId } from '../../privacy/resident-id-mask.ts';
import { recordKindLabels } from '../../config/record-kinds.ts';
import type { StoredRecord } from '../../records/port.ts';
import type { StoredReport } from '../../reports/port.ts';

/**
 * The notices of the overdue scan, one builder per kind (pure); a builder of several notices returns
 * one per addressee. Each names the department or agency, the items, the rule and the deadline; `about`
 * names the addressee and the period or item, so a notice is published once. None carries a resident ID
 * number: a person is named by a masked name, a report's subject by its credit code or masked ID number.
 * A public notice (通报, `public: true`) names departments and agencies, their decisions still public and
 * the rule; never a subject's code, a report number, or a record that has left publicity: those go to
 * addressees only.
 */

/** The county's own notice, as the rules' source: 《title》（document）. */
const countySource = (county: CountyConfig) => county.sources.map((s) => `《${s.title}》（${s.document}）`).join('、');

/** A department as the records it provided name it: `<name>（<orgId>）`. */
const departmentOf = (orgId: string, records: StoredRecord[]) => {
  const name = records.find((r) => r.input.sourceDepartment)?.input.sourceDepartment;
  return name ? `${name}（${orgId}）` : orgId;
};

/** A record's subject in a notice: an organisation by name, a natural person by masked name. */
const subjectOf = (record: StoredRecord) =>
  record.input.subject.category === 'naturalPerson' ? `${maskPersonName(record.subjectName)}（自然人）` : record.subjectName;

/** A report's subject: its credit code, or a person's masked ID number. */
const reportSubjectOf = (report: StoredReport) => (report.subjectType === 'residentId' ? (report.subjectMaskedId ?? maskResidentId(report.subjectId)) : report.subjectId);
const agencyOf = (report: StoredReport) => (report.agencyName ? `${report.agencyName}（${report.agencyId}）` : report.agencyId);
const reportTypeLabels: Record<StoredReport['reportType'], string> = { comprehensive: '综合信用报告', special: '专项信用报告' };

/**
 * Licence and penalty records a department pushed after their dual-publicity deadline (双公示: within N
 * working days of the decision), all those received on one day: one public notice per department and day.
 */
export function latePublicationNotice(args: { providerOrgId: string; receivedOn: IsoDate; records: StoredRecord[]; county: CountyConfig; today: IsoDate }): Notice {
  const { providerOrgId, receivedOn, records, county } = args;
  const department = departmentOf(providerOrgId, records);
  const n = county.deadlines.publicationWorkingDays;
  // A record withheld from publication (不予公示) is counted, never named: its decision number is not public.
  const named = records.filter((r) => r.withheld === undefined);
  const unnamed = records.length - named.length;
  const items = named
    .map(
      (r) =>
        `${recordKindLabels[r.kind]}决定 ${r.decisionNumber}（决定日期 ${r.decisionDate}，公示期限 ${r.publication!.deadline}，` +
        `${receivedOn} 报送，逾期 ${r.publication!.lateByWorkingDays} 个工作日）`,
    )
    .join('；') + (unnamed > 0 ? `${named.length > 0 ? '；' : ''}另有不予公示的信息 ${unnamed} 条` : '');
  return {
    kind: 'late-publication',
    about: `${providerOrgId}#${receivedOn}`,
    addressee: providerOrgId,
    public: true,
    date: args.today,
    title: `通报：${department}逾期报送双公示信息 ${records.length} 条（${receivedOn}）`,
    text:
      `${department}于 ${receivedOn} 报送的以下 ${records.length} 条行政许可、行政处罚信息超过公示期限：${items}。` +
      `依据${countySource(county)}，各类行政许可、行政处罚信息要按照规定在${n}个工作日内公开公示（双公示，自决定之日的次日起计算）。请按期报送。`,
  };
}

/**
 * Records of one department whose publicity period ended (the last day public was the day before
 * `endsOn`): they leave public view on `endsOn`. Not a public notice: naming the subject or the decision
 * would publish what is no longer public. The providing department and the credit office are told, each
 * by its own notice, per department and day.
 */
export function publicityEndedNotices(args: { providerOrgId: string; endsOn: IsoDate; records: StoredRecord[]; today: IsoDate }): Notice[] {
  const { providerOrgId, endsOn, records } = args;
  const department = departmentOf(providerOrgId, records);
  const items = records
    .map(
      (r) =>
        `${recordKindLabels[r.kind]} ${r.decisionNumber}（主体 ${subjectOf(r)}，公示期 ${r.publicity.publicFrom} 至 ${r.publicity.publicUntil}` +
        `${r.publicity.ruleSource ? `，依据 ${r.publicity.ruleSource}` : ''}）`,
    )
    .join('；');
  const title = `公示期届满：${department}提供的 ${records.length} 条信用记录自 ${endsOn} 起不再公示`;
  const text =
    `${department}提供的以下 ${records.length} 条信用记录公示期已于 ${addDays(endsOn, -1)} 届满，自 ${endsOn} 起不再公开公示，` +
    `不再作为失信惩戒或守信激励的依据：${items}。`;
  return [
    { kind: 'publicity-ended', about: `${providerOrgId}#${endsOn}`, addressee: providerOrgId, date: args.today, title, text },
    { kind: 'publicity-ended', about: `creditOffice#${providerOrgId}#${endsOn}`, addressee: 'creditOffice', date: args.today, title, text },
  ];
}

const reportRule = (county: CountyConfig) => `信用报告有效期为 ${county.deadlines.reportValidityMonths} 个月（依据${countySource(county)}）`;
const reportItem = (report: StoredReport) =>
  `${reportTypeLabels[report.reportType]} ${report.reportNumber}（信用主体 ${reportSubjectOf(report)}，出具日期 ${report.issueDate}，有效期至 ${report.validUntil}）`;

/** A valid report whose validity ends within the county's warning days: the agency is told (not public). */
export function reportExpiringNotice(args: { report: StoredReport; county: CountyConfig; today: IsoDate }): Notice {
  const { report, county } = args;
  return {
    kind: 'report-expiring',
    about: `${report.agencyId}#${report.reportId}`,
    addressee: report.agencyId,
    date: args.today,
    title: `信用报告即将到期：${report.reportNumber}（${report.validUntil} 到期）`,
    text:
      `${agencyOf(report)}出具的${reportItem(report)}将于 ${report.validUntil} 后失效（${county.deadlines.reportExpiryWarningDays} 天内到期）。` +
      `${reportRule(county)}；到期后不再作为行政管理事项的信用依据，请告知信用主体及时更新。`,
  };
}

/**
 * A report whose validity ended (not voided). In public, a notice about the issuing agency that names
 * neither the subject nor the report number (the report is the subject's, and its number finds it):
 * the agency, the kind of report, its dates and the rule. The agency and the subject are told which
 * report, each by an addressed notice (a person by the masked ID number, listed under its person key).
 */
export function reportExpiredNotices(args: { report: StoredReport; county: CountyConfig; today: IsoDate }): Notice[] {
  const { report, county } = args;
  const agency = agencyOf(report);
  const ended = `已于 ${report.validUntil} 届满，自 ${addDays(report.validUntil, 1)} 起失效，各部门不得再作为行政管理事项的信用依据。${reportRule(county)}。`;
  const detail = { kind: 'report-expired', date: args.today, title: `信用报告已过有效期：${report.reportNumber}` };
  // A person's report stored before sealing has no person key to be listed under: its subject is not addressed.
  const subjectAddressable = report.subjectType === 'uscc' || report.subjectMaskedId !== undefined;
  return [
    {
      kind: 'report-expired',
      about: `${report.agencyId}#${report.reportId}`,
      addressee: report.agencyId,
      public: true,
      date: args.today,
      title: `通报：${agency}出具的一份${reportTypeLabels[report.reportType]}已过有效期（${report.validUntil} 届满）`,
      text: `${agency}于 ${report.issueDate} 出具的一份${reportTypeLabels[report.reportType]}（有效期至 ${report.validUntil}）${ended}`,
    },
    { ...detail, about: `${report.agencyId}#${report.reportId}#agency`, addressee: report.agencyId, text: `${agency}出具的${reportItem(report)}${ended}` },
    ...(subjectAddressable
      ? [
          {
            ...detail,
            about: `${report.reportId}#subject`,
            addressee: reportSubjectOf(report),
            ...(report.subjectType === 'residentId' ? { addresseeKey: report.subjectId } : {}),
            text: `您的${reportItem(report)}（${agency}出具）${ended}如需继续作为信用依据，请重新申请出具信用报告。`,
          },
        ]
      : []),
  ];
}
