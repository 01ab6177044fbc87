import type { IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { blackListNames, isBlackListName } from '../config/list-names.ts';
import { listStatus, selectMeasures, type RecordForMeasures } from '../checks/port.ts';
import { isPublicRecord, statusOf, type RecordInput, type RecordStatus, type StoredRecord } from '../records/port.ts';
import { penaltyCategoryLabels, recordKindLabels, type RecordKind } from '../config/record-kinds.ts';
import { reportSections, sectionOfKind, type ReportSectionId } from './report-sections.ts';
import type { NationalEntryForMeasures, NationalEntryView, SourceFreshness } from '../national-lists/port.ts';

/** One record as a report's table shows it. */
export interface ReportItem {
  recordId: string;
  kind: RecordKind;
  kindLabel: string;
  decisionNumber: string;
  decisionDate: IsoDate;
  authority: string;
  content: string;
  /** Last day of publicity (inclusive); null: no end stated (until removed from a list, revoked or repaired). */
  publicUntil: IsoDate | null;
  underObjection: boolean;
}

export interface ReportSection {
  id: ReportSectionId;
  heading: string;
  count: number;
  items: ReportItem[];
}

/** Whether the subject is an incentive or punishment object (守信激励对象 / 失信惩戒对象), and on what basis. */
export interface ReportFlags {
  incentiveObject: boolean;
  punishmentObject: boolean;
  /** Punishments that would apply, but every record they rest on is under objection (suspended meanwhile). */
  punishmentSuspended: boolean;
  /** The lists and measures each flag rests on, as the report prints them. */
  incentiveBasis: string[];
  punishmentBasis: string[];
}

export interface ReportContent {
  subject: { name: string; id: string; type: 'uscc' | 'residentId' };
  county: { name: string; siteName: string; creditOfficeName: string };
  generatedAt: string;
  generatedOn: IsoDate;
  flags: ReportFlags;
  sections: ReportSection[];
  /** The national lists the county takes: each with its list date and freshness, and the subject's entries in force on them (none: no section). */
  nationalLists?: { sources: SourceFreshness[]; entries: NationalEntryView[] };
}

/** A subject's national list entries, as the national-lists port reads them (none when the county takes no list). */
export interface NationalListsForReport {
  sources: SourceFreshness[];
  entries: NationalEntryView[];
  forMeasures: NationalEntryForMeasures[];
}

/** A long text is cut in the report's table (a row fits a page); the record itself is on the platform. */
export const maxItemContentLength = 400;

/**
 * What a subject's public credit information report says on `today` (county-local). Pure.
 *
 * - The sections show the records in force and public (the same rule as the public's view of a record:
 *   access-policy.ts `isPublicRecord`), newest decision first; a record under objection is shown, marked.
 * - The flags are the county's measure catalog applied to all the subject's records as a check would,
 *   for any matter: an incentive object when an incentive applies (a red list, or years without a bad
 *   record), a punishment object when a punishment applies that no objection suspends.
 */
export function buildReportContent(args: {
  subject: ReportContent['subject'];
  records: StoredRecord[];
  county: Pick<CountyConfig, 'name' | 'siteName' | 'creditOfficeName' | 'measures' | 'cases'>;
  today: IsoDate;
  generatedAt: string;
  /** The subject's national list entries: shown in force, and counted for the flags as the measures count them. */
  national?: NationalListsForReport;
}): ReportContent {
  const { records, county, today } = args;
  const withStatus = records.map((record) => ({ record, status: statusOf(record, today) }));
  const shown = withStatus
    // The public credit information report shows what is public: no record withheld from publication (不予公示).
    .filter(({ record }) => isPublicRecord(record, today))
    .sort((a, b) => b.record.decisionDate.localeCompare(a.record.decisionDate) || a.record.decisionNumber.localeCompare(b.record.decisionNumber));

  const sections = reportSections.map(({ id, heading }) => {
    const items = shown.filter(({ record }) => sectionOfKind[record.kind] === id).map(({ record, status }) => reportItem(record, status));
    return { id, heading, count: items.length, items };
  });

  return {
    subject: args.subject,
    county: { name: county.name, siteName: county.siteName, creditOfficeName: county.creditOfficeName },
    generatedAt: args.generatedAt,
    generatedOn: today,
    flags: reportFlags(withStatus, county, today, args.national?.forMeasures ?? []),
    sections,
    // A public report shows what is in force: an entry removed, repaired or past its ban is not (repair ends publicity).
    nationalLists: { sources: args.national?.sources ?? [], entries: (args.national?.entries ?? []).filter((e) => e.status === 'active') },
  };
}

function reportFlags(records: { record: StoredRecord; status: RecordStatus }[], county: Pick<CountyConfig, 'measures' | 'cases'>, today: IsoDate, national: readonly NationalEntryForMeasures[]): ReportFlags {
  const own: RecordForMeasures[] = records.map(({ record, status }) => ({
    recordId: record.recordId,
    kind: record.kind,
    listName: 'listName' in record.input ? (record.input.listName as string) : undefined,
    decisionDate: record.decisionDate,
    status,
    ...(record.objectionId ? { objectionId: record.objectionId } : {}),
  }));
  // National entries count as records of the kind the county reads their list as (docs/exchange.md).
  const forMeasures: RecordForMeasures[] = [...own, ...national];
  // Every measure of the catalog, whatever matters it is limited to: is the subject an object of any?
  const measures = selectMeasures({
    measures: county.measures.map((m) => ({ ...m, matters: [] })),
    matterType: '',
    records: forMeasures,
    today,
    objectionPolicy: county.cases.keepPunishmentsDuringObjection,
  });
  const lists = listStatus(forMeasures);
  const listLabel = (entry: (typeof lists.lists)[number]) => {
    if (entry.kind === 'dishonestDebtor') return '失信被执行人名单';
    if (entry.kind === 'blackList') return entry.listName && isBlackListName(entry.listName) ? blackListNames[entry.listName] : '严重失信主体名单';
    return entry.listName ? `红名单：${entry.listName}` : '红名单';
  };
  const unique = (values: string[]) => [...new Set(values)];
  const incentives = measures.filter((m) => m.kind === 'incentive');
  const punishments = measures.filter((m) => m.kind === 'punishment');
  const applied = punishments.filter((m) => !m.suspended);
  return {
    incentiveObject: incentives.length > 0,
    punishmentObject: applied.length > 0,
    punishmentSuspended: applied.length === 0 && punishments.length > 0,
    incentiveBasis: unique([...lists.lists.filter((l) => l.kind === 'redList').map(listLabel), ...incentives.map((m) => m.name)]),
    punishmentBasis: unique([...lists.lists.filter((l) => l.kind !== 'redList').map(listLabel), ...punishments.map((m) => m.name)]),
  };
}

function reportItem(record: StoredRecord, status: RecordStatus): ReportItem {
  const content = itemContent(record.input);
  return {
    recordId: record.recordId,
    kind: record.kind,
    kindLabel: recordKindLabels[record.kind],
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    authority: record.input.authority.name,
    content: content.length > maxItemContentLength ? `${content.slice(0, maxItemContentLength)}…（全文见平台记录）` : content,
    publicUntil: record.publicity.publicUntil,
    underObjection: status === 'underObjection',
  };
}

/** The content column of a record: its kind's own fields, as Credit China's tables show them. */
export function itemContent(input: RecordInput): string {
  const parts = (...values: (string | undefined | false)[]) => values.filter((v): v is string => typeof v === 'string' && v.length > 0).join('；');
  switch (input.kind) {
    case 'licence':
      return parts(input.licenceDocumentName, `许可内容：${input.licenceContent}`, input.certificateNumber && `许可编号：${input.certificateNumber}`, `有效期：${input.validFrom} 至 ${input.validTo ?? '长期'}`);
    case 'penalty':
      return parts(
        `违法行为类型：${input.violationType}`,
        `处罚类别：${input.penaltyCategories.map((c) => penaltyCategoryLabels[c]).join('、')}`,
        `处罚内容：${input.penaltyContent}`,
        input.fineAmountYuan !== undefined && `罚款金额：${input.fineAmountYuan} 元`,
      );
    case 'blackList':
      return parts(`名单：${isBlackListName(input.listName) ? blackListNames[input.listName] : input.listName}`, `列入依据：${input.listingBasis}`, `列入期限至 ${input.listedUntil}`);
    case 'redList':
      return parts(`名单：${input.listName}`, `列入依据：${input.listingBasis}`, input.listedUntil && `列入期限至 ${input.listedUntil}`);
    case 'commitment':
      return parts(`【${recordKindLabels.commitment}】${input.commitmentType}`, input.content, input.matterReference && `关联事项：${input.matterReference}`);
    case 'commitmentBreach':
      return parts(`【${recordKindLabels.commitmentBreach}】${input.breachFacts}`, input.content, input.commitmentDecisionNumber && `所违反承诺：${input.commitmentDecisionNumber}`);
    case 'judgment':
      return parts(`【${recordKindLabels.judgment}】${input.court}`, `案号：${input.caseNumber}`, input.content);
    case 'dishonestDebtor':
      return parts(
        `【${recordKindLabels.dishonestDebtor}】${input.court}`,
        `案号：${input.caseNumber}`,
        `义务：${input.obligation}`,
        `履行情况：${input.performanceStatus === 'unperformed' ? '全部未履行' : '部分未履行'}`,
      );
    case 'reward':
    case 'enforcement':
    case 'levy':
    case 'confirmation':
      return parts(`【${recordKindLabels[input.kind]}】${input.content}`);
  }
}
