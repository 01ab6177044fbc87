import type { IsoDate } from '../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import { blackListNames, isBlackListName } from '../config/list-names.ts';
import { nationalListSourceLabels, type NationalListSettings, type NationalListSource } from '../config/national-list-settings.ts';
import { recordKindLabels } from '../config/record-kinds.ts';
import { entryRecordId, type EntryStateItem } from './list-entry.ts';
import { entryStatus, freshness, type EntryStatus } from './list-rules.ts';
import type { SourceRecord } from './list-store.ts';
import { entryLabels } from './entry-labels.ts';

/**
 * How national lists are shown: each source with its freshness, each entry with its source, list date, basis and
 * freshness (checks, the credit report, the office). Projections of stored items: a person is shown by the
 * masked number only (entries keep nothing else of it).
 */

type TakenSource = NationalListSettings['sources'][number];

/** A source as a reader sees it: what it is, how the county reads it, and how fresh it is today. */
export interface SourceFreshness {
  source: NationalListSource;
  name: string;
  publisher: string;
  /** The record kind (and black list) the county's measures see its entries as. */
  kind: TakenSource['kind'];
  kindLabel: string;
  listName?: string;
  /** The list the county's measures see its entries on (失信被执行人名单, 重大税收违法案件当事人名单, …). */
  listLabel: string;
  /** Where the county takes it from: its notice's clause, another instrument, or the platform's default. */
  clause: string;
  /** 数据日期 of the list applied last; null: never imported. */
  listDate: IsoDate | null;
  ageDays: number | null;
  /** Older than the county allows (`nationalLists.staleAfterDays`), or never imported. */
  stale: boolean;
  staleAfterDays: number;
}

/** An entry as checks, reports and the office show it. */
export interface NationalEntryView {
  /** The id measures name it by (`restsOn`), like a record's. */
  recordId: string;
  entryId: string;
  source: NationalListSource;
  sourceName: string;
  publisher: string;
  kind: TakenSource['kind'];
  kindLabel: string;
  listName?: string;
  /** The list as people name it (失信被执行人名单, 重大税收违法案件当事人名单, …). */
  listLabel: string;
  clause: string;
  /** As the list stands: listed, repaired (信用修复), removed. */
  state: EntryStateItem['state'];
  /** Today: in force, repaired, or ended (removed, or a ban past its end). */
  status: EntryStatus;
  subject: { name: string; id: string; type: EntryStateItem['subject']['type'] };
  authority?: { label: string; name: string };
  caseNumber?: string;
  documentNumber?: string;
  basis: { label: string; text: string };
  conduct?: { label: string; text: string };
  /** The listing's own dates, as published: 发布时间 / 公布日期 / 列入日期, a ban's end. */
  listedOn?: IsoDate;
  decidedOn?: IsoDate;
  endsOn?: IsoDate;
  /** 数据日期 of the list that set this state. */
  changedOn: IsoDate;
  /** The source's list date today, and its freshness: the entry is as of that list. */
  listDate: IsoDate | null;
  ageDays: number | null;
  stale: boolean;
}

export const listLabelOf = (taken: Pick<TakenSource, 'kind' | 'listName'>): string =>
  taken.kind === 'dishonestDebtor' ? '失信被执行人名单' : taken.listName && isBlackListName(taken.listName) ? blackListNames[taken.listName] : '严重失信主体名单';

export function sourceFreshness(taken: TakenSource, state: Pick<SourceRecord, 'listDate'>, county: Pick<CountyConfig, 'nationalLists'>, today: IsoDate): SourceFreshness {
  const labels = nationalListSourceLabels[taken.source];
  const staleAfterDays = county.nationalLists.staleAfterDays.days;
  return {
    source: taken.source,
    name: labels.name,
    publisher: labels.publisher,
    kind: taken.kind,
    kindLabel: recordKindLabels[taken.kind],
    ...(taken.listName ? { listName: taken.listName } : {}),
    listLabel: listLabelOf(taken),
    clause: clauseLabel(taken.clause),
    ...freshness(state.listDate, today, staleAfterDays),
    staleAfterDays,
  };
}

export function entryView(item: EntryStateItem, source: SourceFreshness, today: IsoDate): NationalEntryView {
  const format = entryLabels[item.source];
  const f = item.fields;
  return {
    recordId: entryRecordId(item.entryId),
    entryId: item.entryId,
    source: item.source,
    sourceName: source.name,
    publisher: source.publisher,
    kind: source.kind,
    kindLabel: source.kindLabel,
    ...(source.listName ? { listName: source.listName } : {}),
    listLabel: listLabelOf(source),
    clause: source.clause,
    state: item.state,
    status: entryStatus(item, today),
    subject: { name: item.subject.name, id: item.subject.maskedId, type: item.subject.type },
    ...(f.authority ? { authority: { label: format.authorityLabel, name: f.authority } } : {}),
    ...(f.caseNumber ? { caseNumber: f.caseNumber } : {}),
    ...(f.documentNumber ? { documentNumber: f.documentNumber } : {}),
    basis: { label: format.basisLabel, text: format.basisOf(f) },
    ...(f.conduct ? { conduct: { label: format.conductLabel, text: f.conduct } } : {}),
    ...(f.listedOn ? { listedOn: f.listedOn } : {}),
    ...(f.decidedOn ? { decidedOn: f.decidedOn } : {}),
    ...(f.endsOn ? { endsOn: f.endsOn } : {}),
    changedOn: item.listDate,
    listDate: source.listDate,
    ageDays: source.ageDays,
    stale: source.stale,
  };
}

/** Newest listing first, then by list and id: the order entries are shown in. */
export const byListing = (a: NationalEntryView, b: NationalEntryView): number =>
  (b.listedOn ?? b.changedOn).localeCompare(a.listedOn ?? a.changedOn) || a.source.localeCompare(b.source) || a.entryId.localeCompare(b.entryId);
