import type { IsoDate } from '../calendar/dates.ts';
import { daysFrom, type EntryState, type EntryStateItem } from './list-entry.ts';

/**
 * The rules of national lists over plain data (docs/exchange.md, "Inbound"): which states count, what an import
 * changes, what an entry is on a day, how fresh a list is. No storage, no clock: `today` comes in.
 */

/** Which of a source's import seqs count: those committed, less those of imports abandoned half-way. */
export interface CommittedSeqs {
  committedSeq: number;
  skippedSeqs: readonly number[];
}

export const counts = (seq: number, source: CommittedSeqs): boolean => seq <= source.committedSeq && !source.skippedSeqs.includes(seq);

/**
 * Each entry's state as its source stands: the latest state of a committed import. States staged by an import not
 * yet committed (or abandoned) are not there: a check, and the next import, see the list as it was.
 */
export function latestStates<T extends Pick<EntryStateItem, 'entryId' | 'seq'>>(items: readonly T[], source: CommittedSeqs): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of items) {
    if (!counts(item.seq, source)) continue;
    const seen = latest.get(item.entryId);
    if (!seen || seen.seq < item.seq) latest.set(item.entryId, item);
  }
  return latest;
}

/** An entry on a day: in force while listed (a procurement ban ends on its 公布截止日期), repaired, or ended. */
export type EntryStatus = 'active' | 'repaired' | 'expired';
export function entryStatus(item: Pick<EntryStateItem, 'state' | 'fields'>, today: IsoDate): EntryStatus {
  if (item.state === 'removed') return 'expired';
  if (item.state === 'repaired') return 'repaired';
  const endsOn = item.fields.endsOn;
  return endsOn !== undefined && endsOn < today ? 'expired' : 'active';
}

/** How old a list is on `today`, and whether older than the county allows (`staleAfterDays`). No list yet: stale. */
export function freshness(listDate: IsoDate | null, today: IsoDate, staleAfterDays: number): { listDate: IsoDate | null; ageDays: number | null; stale: boolean } {
  if (listDate === null) return { listDate, ageDays: null, stale: true };
  const ageDays = daysFrom(listDate, today);
  return { listDate, ageDays, stale: ageDays > staleAfterDays };
}

/** What a row of a file does to its entry: lists it (with its content), removes it, or marks it repaired. */
export type RowAction = 'list' | 'remove' | 'repair';

/** A valid row, matched to its subject: what the plan needs. */
export interface MatchedRow {
  row: number;
  action: RowAction;
  entryId: string;
  /** For `list`: the entry's content as the row states it. */
  item: Omit<EntryStateItem, 'seq' | 'importId' | 'state' | 'listDate'>;
}

export type ImportMode = 'full' | 'changes';

/** A state an import writes. */
export type PlannedState = Omit<EntryStateItem, 'seq' | 'importId' | 'listDate'>;

export interface ImportSummary {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  repaired: number;
  /** Rows that change nothing: a removal or repair of an entry the list does not hold. */
  ignored: { row: number; reason: string }[];
}

/**
 * What an import changes, given each entry's state as its source stands (`current`, `latestStates`):
 * - a listing row writes `listed` unless the entry is already listed with the same content;
 * - a removal row (变更文件 移出) writes `removed`, a repair row (信用修复) `repaired`, for an entry the list holds
 *   (listed; a repair of an entry already repaired changes nothing); otherwise the row is ignored, and said so;
 * - a full list (全量) also removes every entry listed or repaired that it does not hold.
 * A removed or repaired state keeps the entry's last content, so its history reads whole.
 */
export function planImport(args: { mode: ImportMode; rows: readonly MatchedRow[]; current: ReadonlyMap<string, EntryStateItem> }): { writes: PlannedState[]; summary: ImportSummary } {
  const writes: PlannedState[] = [];
  const summary: ImportSummary = { rows: args.rows.length, added: 0, changed: 0, unchanged: 0, removed: 0, repaired: 0, ignored: [] };
  const from = (current: EntryStateItem, state: EntryState, row?: number): PlannedState => {
    const { seq: _seq, importId: _import, listDate: _date, row: _row, ...content } = current;
    return { ...content, state, ...(row !== undefined ? { row } : {}) };
  };
  const held = new Set<string>();
  for (const r of args.rows) {
    held.add(r.entryId);
    const current = args.current.get(r.entryId);
    if (r.action === 'list') {
      if (current?.state === 'listed' && current.contentHash === r.item.contentHash) summary.unchanged += 1;
      else {
        writes.push({ ...r.item, state: 'listed', row: r.row });
        if (current?.state === 'listed') summary.changed += 1;
        else summary.added += 1;
      }
      continue;
    }
    if (!current || current.state === 'removed') {
      summary.ignored.push({ row: r.row, reason: r.action === 'remove' ? '名单中无此条目，移出未作变动' : '名单中无此条目，信用修复未作变动' });
      continue;
    }
    if (r.action === 'remove') {
      writes.push(from(current, 'removed', r.row));
      summary.removed += 1;
    } else if (current.state === 'repaired') summary.unchanged += 1;
    else {
      writes.push(from(current, 'repaired', r.row));
      summary.repaired += 1;
    }
  }
  if (args.mode === 'full')
    for (const [entryId, current] of args.current) {
      if (held.has(entryId) || current.state === 'removed') continue;
      writes.push(from(current, 'removed'));
      summary.removed += 1;
    }
  return { writes, summary };
}

/** The entries a source holds once its writes are committed: those listed, those repaired. */
export function countsAfter(current: ReadonlyMap<string, Pick<EntryStateItem, 'state'>>, writes: readonly Pick<PlannedState, 'entryId' | 'state'>[]): { listed: number; repaired: number } {
  const states = new Map<string, EntryState>([...current].map(([id, item]) => [id, item.state]));
  for (const w of writes) states.set(w.entryId, w.state);
  let listed = 0;
  let repaired = 0;
  for (const state of states.values()) {
    if (state === 'listed') listed += 1;
    else if (state === 'repaired') repaired += 1;
  }
  return { listed, repaired };
}
