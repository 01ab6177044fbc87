import { localDate } from '../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import { nationalListSourceLabels } from '../config/national-list-settings.ts';
import { notFound } from '../errors/domain-errors.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { subjectKeyOf } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';
import { counts, latestStates } from './list-rules.ts';
import { getImport, getSources, listImports, statesOfSubject, type ImportRecord } from './list-store.ts';
import { byListing, entryView, sourceFreshness } from './present-entry.ts';
import { sourceFormats } from './source-formats.ts';

/** The credit office's views of national lists: imports, each source's state, a subject's entries. */

/** An import as the office reads it (the stored record, named; no key, no seq). */
export const presentImport = (r: ImportRecord, repeated?: boolean) => ({
  importId: r.importId,
  source: r.source,
  sourceName: nationalListSourceLabels[r.source].name,
  mode: r.mode,
  listDate: r.listDate,
  fileName: r.fileName,
  sha256: r.sha256,
  bytes: r.bytes,
  rows: r.rows,
  status: r.status,
  startedAt: r.startedAt,
  startedBy: r.startedBy,
  ...(r.appliedAt ? { appliedAt: r.appliedAt } : {}),
  ...(r.abandonedAt ? { abandonedAt: r.abandonedAt } : {}),
  ...(r.summary ? { summary: r.summary } : {}),
  ...(r.ignored ? { ignored: r.ignored } : {}),
  ...(repeated !== undefined ? { repeated } : {}),
});

export async function getNationalListImport(importId: string) {
  const record = await getImport(importId);
  if (!record) throw notFound(`national list import ${importId}`);
  return presentImport(record);
}

export async function listNationalListImports(query: { limit: number; nextToken?: string }) {
  const page = await listImports({ limit: query.limit, startKey: decodePageToken(query.nextToken) });
  return { imports: page.imports.map((r) => presentImport(r)), ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}) };
}

/** GET /national-lists: each list the county takes, as it stands today (one BatchGetItem). */
export async function getNationalListSources(args: { county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const taken = args.county.nationalLists.sources;
  const states = await getSources(taken.map((t) => t.source));
  return {
    asOf: today,
    staleAfterDays: { days: args.county.nationalLists.staleAfterDays.days, source: clauseLabel(args.county.nationalLists.staleAfterDays.source) },
    sources: taken.map((t) => {
      const state = states.get(t.source)!;
      return {
        ...sourceFreshness(t, state, args.county, today),
        entriesInForce: state.entriesListed,
        entriesRepaired: state.entriesRepaired,
        ...(state.lastImportId ? { lastImport: { importId: state.lastImportId, ...(state.appliedAt ? { appliedAt: state.appliedAt } : {}) } } : {}),
        ...(state.pending ? { pending: { importId: state.pending.importId, startedAt: state.pending.startedAt } } : {}),
        columns: sourceFormats[t.source].columns.map((c) => ({ header: c.header, required: c.required, key: c.key === true })),
      };
    }),
  };
}

/** GET /national-lists/entries?subjectId=: a subject's entries as each list stands, with every state each went through. */
export async function listNationalListEntries(args: { subjectId: { type: SubjectIdType; id: string }; county: CountyConfig; now: Date }) {
  const today = localDate(args.now, args.county.timeZone);
  const taken = args.county.nationalLists.sources;
  const key = await subjectKeyOf(args.subjectId);
  const [{ items }, states] = await Promise.all([statesOfSubject(key), getSources(taken.map((t) => t.source))]);
  const entries = taken.flatMap((t) => {
    const source = states.get(t.source)!;
    const shown = sourceFreshness(t, source, args.county, today);
    const mine = items.filter((i) => i.source === t.source);
    const latest = latestStates(mine, source);
    return [...latest.values()].map((item) => ({
      ...entryView(item, shown, today),
      history: mine
        .filter((i) => i.entryId === item.entryId && counts(i.seq, source))
        .sort((a, b) => a.seq - b.seq)
        .map((i) => ({ state: i.state, changedOn: i.listDate, importId: i.importId, ...(i.row !== undefined ? { row: i.row } : {}) })),
    }));
  });
  return {
    subject: { id: args.subjectId.type === 'residentId' ? maskResidentId(args.subjectId.id) : args.subjectId.id, type: args.subjectId.type },
    entries: entries.sort(byListing),
  };
}
