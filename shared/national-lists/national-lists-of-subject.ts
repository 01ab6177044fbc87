import type { IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { RecordKind } from '../config/record-kinds.ts';
import { latestStates, type EntryStatus } from './list-rules.ts';
import { getSources, statesOfSubject } from './list-store.ts';
import { byListing, entryView, sourceFreshness, type NationalEntryView, type SourceFreshness } from './present-entry.ts';

/** What measure selection needs of an entry: it is seen as a record of the kind the county reads its list as. */
export const entryForMeasures = (e: NationalEntryView): NationalEntryForMeasures => ({
  recordId: e.recordId,
  kind: e.kind,
  ...(e.listName ? { listName: e.listName } : {}),
  decisionDate: e.listedOn ?? e.decidedOn ?? e.changedOn,
  status: e.status,
  nationalList: e.source,
});

export interface NationalEntryForMeasures {
  recordId: string;
  kind: RecordKind;
  listName?: string;
  /** The listing's date (发布时间 / 公布日期 / 列入日期), the "decision" a clean history counts from. */
  decisionDate: IsoDate;
  status: EntryStatus;
  /** The national source it comes from. */
  nationalList: string;
}

export interface NationalListsOfSubject {
  /** Every source the county takes, with its list date and freshness (an entry-less subject is "not listed as of …"). */
  sources: SourceFreshness[];
  /** The subject's entries as each source stands, whatever their status today (newest listing first). */
  entries: NationalEntryView[];
  /** The same entries as measure selection sees them. */
  forMeasures: NationalEntryForMeasures[];
  /** DynamoDB requests made (the subject's entries, the sources' states). */
  requests: number;
}

/**
 * The national lists as they stand for one subject (its key: a USCC or a person key), on `today`: two requests,
 * both strongly consistent (a removal applied a moment ago lifts a check at once): the subject's entry states
 * (one query of its partition) and the states of the sources the county takes (one BatchGetItem). Entries of a
 * source the county does not take are left aside.
 */
export async function nationalListsOfSubject(args: { subjectKey: string; county: Pick<CountyConfig, 'nationalLists'>; today: IsoDate }): Promise<NationalListsOfSubject> {
  const taken = args.county.nationalLists.sources;
  const [states, sources] = await Promise.all([statesOfSubject(args.subjectKey), getSources(taken.map((t) => t.source))]);
  const shown = taken.map((t) => sourceFreshness(t, sources.get(t.source)!, args.county, args.today));
  const entries = taken
    .flatMap((t, i) => [...latestStates(states.items.filter((s) => s.source === t.source), sources.get(t.source)!).values()].map((item) => entryView(item, shown[i]!, args.today)))
    .sort(byListing);
  return {
    sources: shown,
    entries,
    forMeasures: entries.map(entryForMeasures),
    requests: states.requests + 1,
  };
}
