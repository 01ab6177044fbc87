import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { countiesDir, loadCounties, loadCounty } from '../../shared/config/load-counties.ts';

const counties = loadCounties();

/**
 * The matters every county's notice names (each county lists the others its own notice names, see
 * county-clauses.test.ts), and "other" for what a notice leaves to 等.
 */
const checkedMatters = ['procurement', 'bidding', 'administrative-approval', 'market-access', 'qualification-review', 'awards', 'other'];

describe('the measure catalog of each county', () => {
  it.each(counties.map((c) => [c.id, c]))('%s has the matter list departments check', (_, county) => {
    expect(county.matterTypes.map((m) => m.id)).toEqual(expect.arrayContaining(checkedMatters));
  });

  it.each(counties.map((c) => [c.id, c]))('%s has at least one punishment, and an incentive unless its notice grants none (Lianjiang)', (_, county) => {
    expect(county.measures.some((m) => m.kind === 'incentive')).toBe(county.id !== 'lianjiang');
    expect(county.measures.some((m) => m.kind === 'punishment')).toBe(true);
  });

  it.each(counties.map((c) => [c.id, c]))('%s cites its own notice and a section of it for every measure', (_, county) => {
    const document = county.sources[0]!.document;
    for (const m of county.measures) {
      expect(m.clause, m.id).toMatchObject({ notice: document });
      expect('notice' in m.clause && m.clause.clause, m.id).toMatch(/^[一二三四五六七八九十]+(、|$)/);
    }
  });

  it.each(counties.map((c) => [c.id, c]))('%s binds measures only to its own matter types', (_, county) => {
    const matterIds = new Set(county.matterTypes.map((m) => m.id));
    for (const m of county.measures) for (const matter of m.matters) expect(matterIds.has(matter), `${m.id}: ${matter}`).toBe(true);
  });

  it('Zanhuang and Kunming refuse procurement to dishonest debtors and to the tax and procurement black lists, each by its own clause', () => {
    for (const [id, clause] of [
      ['zanhuang', { notice: '赞皇县信用办通知', clause: '二、(一)' }],
      ['kunming', { notice: '昆明市信用办 2020年8月13日', clause: '三、(二)' }],
    ] as const) {
      const refusal = loadCounty(id).measures.find((m) => m.id === 'procurement-refusal');
      expect(refusal).toMatchObject({ kind: 'punishment', clause, matters: ['procurement'] });
      expect(refusal!.when).toMatchObject({
        anyRecord: expect.arrayContaining([
          { kind: 'dishonestDebtor' },
          { kind: 'blackList', listNames: expect.arrayContaining(['major-tax-violation', 'procurement-serious-violation']) },
        ]),
      });
    }
  });

  it("Kunming's fund support exclusion carries its exemption for social welfare and poverty relief funds", () => {
    const exclusion = loadCounty('kunming').measures.find((m) => m.id === 'fund-support-exclusion');
    expect(exclusion).toMatchObject({ kind: 'punishment', clause: { notice: '昆明市信用办 2020年8月13日', clause: '三、(一)' }, matters: ['fund-support'], exemption: '社会福利扶贫资金除外' });
  });

  it('Zanhuang and Wuchang grant approval facilitation to red-listed subjects or three clean years', () => {
    const good = { anyOf: [{ anyRecord: [{ kind: 'redList' }] }, { cleanYears: 3 }] };
    expect(loadCounty('zanhuang').measures.find((m) => m.id === 'approval-facilitation')).toMatchObject({ clause: { notice: '赞皇县信用办通知', clause: '二、(三)' }, when: good });
    expect(loadCounty('wuchang').measures.find((m) => m.id === 'licensing-facilitation')).toMatchObject({ clause: { notice: '武昌信用办〔2018〕3号', clause: '二、(四)2' }, when: good });
  });
});

describe('measure validation', () => {
  const jiaxian = () => JSON.parse(readFileSync(join(countiesDir, 'jiaxian.json'), 'utf8'));
  const valid = { id: 'm', kind: 'punishment', name: '惩戒', description: '说明', clause: { notice: '郏信用办〔2021〕2号', clause: '五、(十一)', quote: '对失信者，结合失信类别和程度，严格落实失信惩戒制度' }, when: { anyRecord: [{ kind: 'dishonestDebtor' }] } };
  const withMeasures = (...measures: unknown[]) => () => parseCountyConfig({ ...jiaxian(), measures }, 'test.json');

  it('accepts a complete measure', () => {
    expect(withMeasures(valid)().measures).toEqual([{ ...valid, matters: [] }]);
  });

  it('refuses a measure bound to an unknown matter type', () => {
    expect(withMeasures({ ...valid, matters: ['procurement', 'space-travel'] })).toThrow('test.json: measures.0.matters.1: unknown matter type "space-travel"');
  });

  it('refuses an unknown record kind, wherever it is in the condition', () => {
    expect(withMeasures({ ...valid, when: { anyRecord: [{ kind: 'bankruptcy' }] } })).toThrow(/measures\.0\.when\.anyRecord\.0\.kind: unknown record kind "bankruptcy"/);
    const anyOf = { anyOf: [{ cleanYears: 3 }, { anyRecord: [{ kind: 'redlist' }] }] };
    expect(withMeasures({ ...valid, kind: 'incentive', when: anyOf })).toThrow(/measures\.0\.when\.anyOf\.1\.anyRecord\.0\.kind: unknown record kind "redlist"/);
  });

  it('refuses an unknown black list, and list names on a kind that has none', () => {
    expect(withMeasures({ ...valid, when: { anyRecord: [{ kind: 'blackList', listNames: ['major-tax-violaton'] }] } })).toThrow(
      /measures\.0\.when\.anyRecord\.0\.listNames\.0: unknown black list "major-tax-violaton"/,
    );
    expect(withMeasures({ ...valid, when: { anyRecord: [{ kind: 'penalty', listNames: ['x'] }] } })).toThrow(/listNames: only list kinds/);
  });

  it('refuses a condition that states none or two of its forms, and unknown keys', () => {
    expect(withMeasures({ ...valid, when: {} })).toThrow(/measures\.0\.when: must state exactly one of anyRecord, cleanYears, anyOf/);
    expect(withMeasures({ ...valid, kind: 'incentive', when: { cleanYears: 3, anyRecord: [{ kind: 'redList' }] } })).toThrow(/exactly one of/);
    expect(withMeasures({ ...valid, when: { anyRecords: [] } })).toThrow(/measures\.0\.when: Unrecognized key: "anyRecords"/);
  });

  it('refuses a punishment resting on a clean history, a measure without its clause, and duplicate measure ids', () => {
    expect(withMeasures({ ...valid, when: { cleanYears: 3 } })).toThrow(/measures\.0\.when: a punishment must rest on records/);
    const { clause: _, ...noClause } = valid;
    expect(withMeasures(noClause)).toThrow(/measures\.0\.clause/);
    expect(withMeasures(valid, valid)).toThrow(/measures\.1\.id: duplicate measure "m"/);
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
