import type { IsoDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { RecordKind } from '../config/record-kinds.ts';
import { latestStates, type EntryStatus } from './list-rules.ts';
import { getSources, statesOfSubject } from './list-store.ts';
import type { EntryStateItem } from './list-entry.ts';
import type { NationalListSource } from '../config/national-list-settings.ts';
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

/** How long a function keeps the sources' states it read for subjects with no entry (their list dates, shown as freshness). */
const sourcesKeptMs = 30_000;
let keptSources: { at: number; key: string; sources: Promise<Awaited<ReturnType<typeof getSources>>> } | undefined;

/**
 * The sources' states: strongly consistent when the subject has entries (which of them count is the source's
 * committed import: a removal applied a moment ago lifts a check at once); for a subject with none, what this function
 * read in the last 30 seconds will do, for they only date the "not listed as of …" (an import that lists the subject
 * writes its entries into the subject's partition before it commits, so the subject then has entries).
 */
function sourcesFor(taken: readonly NationalListSource[], hasEntries: boolean): { sources: ReturnType<typeof getSources>; requests: number } {
  if (hasEntries) return { sources: getSources(taken), requests: 1 };
  const key = taken.join(',');
  if (keptSources && keptSources.key === key && Date.now() - keptSources.at < sourcesKeptMs) return { sources: keptSources.sources, requests: 0 };
  keptSources = { at: Date.now(), key, sources: getSources(taken) };
  keptSources.sources.catch(() => (keptSources = undefined));
  return { sources: keptSources.sources, requests: 1 };
}

/**
 * The national lists as they stand for one subject (its key: a USCC or a person key), on `today`: the subject's entry
 * states (one strongly consistent query of its partition, or the states the caller read with the subject's other
 * items: `states`) and the states of the sources the county takes (one BatchGetItem; see `sourcesFor`). Entries of a
 * source the county does not take are left aside.
 */
export async function nationalListsOfSubject(args: { subjectKey: string; county: Pick<CountyConfig, 'nationalLists'>; today: IsoDate; states?: Record<string, unknown>[] }): Promise<NationalListsOfSubject> {
  const taken = args.county.nationalLists.sources;
  const states = args.states ? { items: args.states as unknown as EntryStateItem[], requests: 0 } : await statesOfSubject(args.subjectKey);
  const read = sourcesFor(taken.map((t) => t.source), states.items.length > 0);
  const sources = await read.sources;
  const shown = taken.map((t) => sourceFreshness(t, sources.get(t.source)!, args.county, args.today));
  const entries = taken
    .flatMap((t, i) => [...latestStates(states.items.filter((s) => s.source === t.source), sources.get(t.source)!).values()].map((item) => entryView(item, shown[i]!, args.today)))
    .sort(byListing);
  return {
    sources: shown,
    entries,
    forMeasures: entries.map(entryForMeasures),
    requests: states.requests + read.requests,
  };
}
