import { describe, expect, it } from 'vitest';
import { loadCounties, loadCounty } from '../../shared/config/load-counties.ts';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { selectMeasures } from '../../shared/checks/select-measures.ts';
import { daysFrom, type EntryStateItem } from '../../shared/national-lists/list-entry.ts';
import { countsAfter, entryStatus, freshness, latestStates, planImport, type MatchedRow } from '../../shared/national-lists/list-rules.ts';
import { entryView, sourceFreshness } from '../../shared/national-lists/present-entry.ts';

/**
 * The rules of national lists (issue 18 part 2): which states count (an import counts only once committed, an
 * abandoned one never), what a full list and a changes file change, an entry's status on a day, a list's freshness,
 * and the county's measures applied to entries as to its own records.
 */
const subject = { key: '91410425MA9NL00013', type: 'uscc' as const, maskedId: '91410425MA9NL00013', name: '郏县示范商贸有限公司' };
const state = (entryId: string, seq: number, s: EntryStateItem['state'], fields: EntryStateItem['fields'] = { listedOn: '2026-04-10' }, contentHash = 'h1'): EntryStateItem => ({
  source: 'spc-dishonest-debtors',
  entryId,
  seq,
  importId: `imp${seq}`,
  state: s,
  listDate: '2026-11-01',
  subject,
  fields,
  contentHash,
});
const row = (n: number, entryId: string, action: MatchedRow['action'], contentHash = 'h1'): MatchedRow => ({
  row: n,
  action,
  entryId,
  item: { source: 'spc-dishonest-debtors', entryId, subject, fields: { listedOn: '2026-04-10' }, contentHash },
});

describe('which states count', () => {
  it('the latest state of a committed import; staged (not committed) and abandoned seqs are not there', () => {
    const items = [state('a', 1, 'listed'), state('a', 3, 'removed'), state('b', 2, 'listed'), state('b', 4, 'removed'), state('c', 4, 'listed')];
    // Seq 4 is staged, not committed: b is still listed, c is not there.
    const latest = latestStates(items, { committedSeq: 3, skippedSeqs: [] });
    expect([...latest].map(([id, s]) => [id, s.state, s.seq])).toEqual([['a', 'removed', 3], ['b', 'listed', 2]]);
    // Seq 3 was abandoned half-way (another import took over as seq 4, committed): its removal of a never happened.
    const afterTakeover = latestStates(items, { committedSeq: 4, skippedSeqs: [3] });
    expect(afterTakeover.get('a')!.state).toBe('listed');
    expect(afterTakeover.get('b')!.state).toBe('removed');
    expect(afterTakeover.get('c')!.state).toBe('listed');
  });
});

describe('what an import changes', () => {
  const current = new Map([
    ['a', state('a', 1, 'listed')],
    ['b', state('b', 1, 'listed')],
    ['r', state('r', 1, 'repaired')],
    ['gone', state('gone', 1, 'removed')],
  ]);

  it('a full list: new entries added, changed ones listed again, unchanged ones not written, every entry it does not hold removed', () => {
    const { writes, summary } = planImport({ mode: 'full', rows: [row(2, 'a', 'list'), row(3, 'b', 'list', 'h2'), row(4, 'new', 'list')], current });
    expect(writes.map((w) => [w.entryId, w.state, w.row])).toEqual([
      ['b', 'listed', 3],
      ['new', 'listed', 4],
      ['r', 'removed', undefined],
    ]);
    expect(summary).toEqual({ rows: 3, added: 1, changed: 1, unchanged: 1, removed: 1, repaired: 0, ignored: [] });
    // A removal keeps the entry's last content: its history reads whole.
    expect(writes[2]!.fields).toEqual(current.get('r')!.fields);
  });

  it('an empty full list removes every entry the list holds', () => {
    const { writes } = planImport({ mode: 'full', rows: [], current });
    expect(writes.map((w) => [w.entryId, w.state]).sort()).toEqual([['a', 'removed'], ['b', 'removed'], ['r', 'removed']]);
  });

  it('a changes file: 新增 lists, 移出 removes, 信用修复 marks repaired; a removal or repair of an entry not held is ignored and said so; nothing else is touched', () => {
    const { writes, summary } = planImport({
      mode: 'changes',
      rows: [row(2, 'new', 'list'), row(3, 'a', 'remove'), row(4, 'b', 'repair'), row(5, 'r', 'repair'), row(6, 'gone', 'remove'), row(7, 'nowhere', 'repair')],
      current,
    });
    expect(writes.map((w) => [w.entryId, w.state])).toEqual([['new', 'listed'], ['a', 'removed'], ['b', 'repaired']]);
    expect(summary.ignored).toEqual([
      { row: 6, reason: '名单中无此条目，移出未作变动' },
      { row: 7, reason: '名单中无此条目，信用修复未作变动' },
    ]);
    expect(summary.unchanged).toBe(1);
    expect(countsAfter(current, writes)).toEqual({ listed: 1, repaired: 2 });
  });

  it('the same file planned again over its own result changes nothing (a re-upload writes nothing new)', () => {
    const first = planImport({ mode: 'full', rows: [row(2, 'a', 'list'), row(3, 'new', 'list')], current });
    const after = new Map(current);
    for (const w of first.writes) after.set(w.entryId, { ...w, seq: 2, importId: 'imp2', listDate: '2026-11-02' });
    expect(planImport({ mode: 'full', rows: [row(2, 'a', 'list'), row(3, 'new', 'list')], current: after }).writes).toEqual([]);
  });
});

describe('an entry on a day, a list’s freshness', () => {
  it('listed is in force until a ban’s end; repaired and removed are not', () => {
    expect(entryStatus(state('a', 1, 'listed'), '2026-11-23')).toBe('active');
    expect(entryStatus(state('a', 1, 'listed', { endsOn: '2026-11-22' }), '2026-11-23')).toBe('expired');
    expect(entryStatus(state('a', 1, 'listed', { endsOn: '2026-11-23' }), '2026-11-23')).toBe('active');
    expect(entryStatus(state('a', 1, 'repaired'), '2026-11-23')).toBe('repaired');
    expect(entryStatus(state('a', 1, 'removed'), '2026-11-23')).toBe('expired');
  });

  it('days since the list date; stale past the county’s days; never imported is stale', () => {
    expect(daysFrom('2026-10-24', '2026-11-23')).toBe(30);
    expect(freshness('2026-10-24', '2026-11-23', 30)).toEqual({ listDate: '2026-10-24', ageDays: 30, stale: false });
    expect(freshness('2026-10-23', '2026-11-23', 30)).toEqual({ listDate: '2026-10-23', ageDays: 31, stale: true });
    expect(freshness(null, '2026-11-23', 30)).toEqual({ listDate: null, ageDays: null, stale: true });
  });
});

describe("the county's measures apply to national entries as to its own records", () => {
  it("Zanhuang: an SPC entry refuses procurement (二、(一)); repaired, it no longer punishes; a tax listing is a black list of its name", () => {
    const county = loadCounty('zanhuang');
    const spc = county.nationalLists.sources.find((s) => s.source === 'spc-dishonest-debtors')!;
    const shown = sourceFreshness(spc, { listDate: '2026-11-20' }, county, '2026-11-23');
    const view = entryView(state('a', 1, 'listed'), shown, '2026-11-23');
    expect(view).toMatchObject({ recordId: 'nl_a', kind: 'dishonestDebtor', listLabel: '失信被执行人名单', listDate: '2026-11-20', ageDays: 3, stale: false, clause: '赞皇县信用办通知 二、(一)' });
    const asRecord = (status: 'active' | 'repaired') => ({ recordId: view.recordId, kind: view.kind, decisionDate: '2026-04-10', status, nationalList: view.source });
    const punished = selectMeasures({ measures: county.measures, matterType: 'procurement', records: [asRecord('active')], today: '2026-11-23' });
    expect(punished.find((m) => m.measureId === 'procurement-refusal')).toMatchObject({ kind: 'punishment', suspended: false, restsOn: [{ recordId: 'nl_a', kind: 'dishonestDebtor', nationalList: 'spc-dishonest-debtors' }] });
    const repaired = selectMeasures({ measures: county.measures, matterType: 'procurement', records: [asRecord('repaired')], today: '2026-11-23' });
    expect(repaired.filter((m) => m.kind === 'punishment')).toEqual([]);
    const tax = county.nationalLists.sources.find((s) => s.source === 'tax-major-violations')!;
    const taxed = selectMeasures({ measures: county.measures, matterType: 'procurement', records: [{ recordId: 'nl_t', kind: tax.kind, listName: tax.listName, decisionDate: '2026-06-01', status: 'active' }], today: '2026-11-23' });
    expect(taxed.map((m) => m.measureId)).toContain('procurement-refusal');
  });

  it('every county takes the four lists, each read as a kind its measures can name, each with where it comes from', () => {
    for (const county of loadCounties()) {
      expect(county.nationalLists.sources.map((s) => s.source).sort(), county.id).toEqual(['market-serious-violations', 'procurement-serious-violations', 'spc-dishonest-debtors', 'tax-major-violations']);
      expect(county.nationalLists.staleAfterDays.days).toBeGreaterThan(0);
    }
  });

  it('a county file is refused with a black list without its name, a list twice, or a source the platform does not read', () => {
    const raw = structuredClone(loadCounty('jiaxian')) as unknown as Record<string, unknown>;
    const withLists = (sources: unknown[]) => ({ ...raw, nationalLists: { sources, staleAfterDays: { days: 30, source: { platformDefault: '测试：平台默认的理由写在这里' } } } });
    const clause = { platformDefault: '测试：平台默认的理由写在这里' };
    expect(() => parseCountyConfig(withLists([{ source: 'tax-major-violations', kind: 'blackList', clause }]), 'x.json')).toThrow(/nationalLists\.sources\.0\.listName/);
    expect(() => parseCountyConfig(withLists([{ source: 'spc-dishonest-debtors', kind: 'dishonestDebtor', clause }, { source: 'spc-dishonest-debtors', kind: 'dishonestDebtor', clause }]), 'x.json')).toThrow(/named twice/);
    expect(() => parseCountyConfig(withLists([{ source: 'credit-china-red', kind: 'dishonestDebtor', clause }]), 'x.json')).toThrow(/unknown national list/);
  });
});
