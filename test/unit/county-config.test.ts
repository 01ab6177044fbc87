import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CountyConfigError } from '../../shared/config/county-config.ts';
import { countiesDir, loadCounties, loadCounty, loadCountyFile } from '../../shared/config/load-counties.ts';

const jiaxian = () => JSON.parse(readFileSync(join(countiesDir, 'jiaxian.json'), 'utf8'));

function writeCounty(content: unknown, name = 'testcounty.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'county-'));
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('the five county files of the seed notices', () => {
  const counties = loadCounties();

  it('are all present and valid', () => {
    expect(counties.map((c) => [c.id, c.divisionCode, c.name])).toEqual([
      ['jiaxian', '410425', '郏县'],
      ['kunming', '530100', '昆明市'],
      ['lianjiang', '350122', '连江县'],
      ['wuchang', '420106', '武昌区'],
      ['zanhuang', '130129', '赞皇县'],
    ]);
  });

  it('carry the deadlines the notices set', () => {
    for (const c of counties) {
      expect(c.timeZone).toBe('Asia/Shanghai');
      expect(c.deadlines).toMatchObject({ publicationWorkingDays: 7, objectionAnswerWorkingDays: 20, reportValidityMonths: 12 });
    }
  });

  it('carry each county its usage-list cadence', () => {
    const cadence = Object.fromEntries(counties.map((c) => [c.id, c.usageList]));
    expect(cadence.zanhuang).toEqual({ period: 'monthly', dueDay: 25, summaries: [] });
    expect(cadence.lianjiang).toEqual({
      period: 'monthly',
      dueDay: 15,
      summaries: [
        { name: '上半年工作总结', dueMonthDay: '07-15' },
        { name: '年度工作总结', dueMonthDay: '12-15' },
      ],
    });
    expect(cadence.wuchang?.period).toBe('quarterly');
    expect(cadence.jiaxian).toMatchObject({ period: 'monthly', dueDay: 25 });
    expect(cadence.kunming).toMatchObject({ period: 'monthly', dueDay: 25 });
  });

  it('throttle every API route: 50 requests a second (burst 100) in the counties, 100 (burst 200) in the city of Kunming', () => {
    const throttle = Object.fromEntries(counties.map((c) => [c.id, c.api.throttle]));
    expect(throttle).toEqual({
      jiaxian: { rateLimit: 50, burstLimit: 100 },
      kunming: { rateLimit: 100, burstLimit: 200 },
      lianjiang: { rateLimit: 50, burstLimit: 100 },
      wuchang: { rateLimit: 50, burstLimit: 100 },
      zanhuang: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it('name the site of Jia and Lianjiang as the notices do', () => {
    expect(loadCounty('jiaxian').siteName).toBe('信用郏县');
    expect(loadCounty('lianjiang').siteName).toBe('信用连江');
  });
});

describe('county file validation', () => {
  it('names the file, the field and the rule', () => {
    const bad = { ...jiaxian(), id: 'testcounty', deadlines: { ...jiaxian().deadlines, publicationWorkingDays: 0 } };
    const file = writeCounty(bad);
    expect(() => loadCountyFile(file)).toThrow(CountyConfigError);
    expect(() => loadCountyFile(file)).toThrow(`${file}: deadlines.publicationWorkingDays: Too small: expected number to be >0`);
  });

  it('refuses a time zone other than Asia/Shanghai, unknown fields and a wrong division code', () => {
    const base = { ...jiaxian(), id: 'testcounty' };
    expect(() => loadCountyFile(writeCounty({ ...base, timeZone: 'UTC' }))).toThrow(/timeZone/);
    expect(() => loadCountyFile(writeCounty({ ...base, extra: 1 }))).toThrow(/extra/);
    expect(() => loadCountyFile(writeCounty({ ...base, divisionCode: '4104' }))).toThrow(/divisionCode: must be the 6-digit/);
  });

  it('requires the id to equal the file name', () => {
    expect(() => loadCountyFile(writeCounty({ ...jiaxian() }, 'other.json'))).toThrow(/id: must equal the file name "other"/);
  });

  it('refuses a measure bound to an unknown matter type and duplicate matter types', () => {
    const base = { ...jiaxian(), id: 'testcounty' };
    const measure = { id: 'refuse-procurement', kind: 'punishment', name: '拒绝参与政府采购', matters: ['no-such-matter'] };
    expect(() => loadCountyFile(writeCounty({ ...base, measures: [measure] }))).toThrow(/measures\.0\.matters\.0: unknown matter type "no-such-matter"/);
    const dup = { ...base, matterTypes: [...base.matterTypes, base.matterTypes[0]] };
    expect(() => loadCountyFile(writeCounty(dup))).toThrow(/duplicate matter type/);
  });

  it('requires the API throttle and names the field that is wrong', () => {
    const base = { ...jiaxian(), id: 'testcounty' };
    const { api: _, ...withoutApi } = base;
    const throttled = (throttle: unknown) => writeCounty({ ...base, api: { throttle } });
    expect(() => loadCountyFile(writeCounty(withoutApi))).toThrow(/: api: must state the API throttle/);
    expect(() => loadCountyFile(writeCounty({ ...base, api: {} }))).toThrow(/: api\.throttle: must state \{ "rateLimit"/);
    expect(() => loadCountyFile(throttled({ rateLimit: 0, burstLimit: 10 }))).toThrow(/: api\.throttle\.rateLimit: must be the steady rate/);
    expect(() => loadCountyFile(throttled({ rateLimit: '50', burstLimit: 10 }))).toThrow(/: api\.throttle\.rateLimit: must be the steady rate/);
    expect(() => loadCountyFile(throttled({ rateLimit: 20_000, burstLimit: 10 }))).toThrow(/: api\.throttle\.rateLimit: must be at most 10000/);
    expect(() => loadCountyFile(throttled({ rateLimit: 50, burstLimit: 2.5 }))).toThrow(/: api\.throttle\.burstLimit: must be a whole number/);
    expect(() => loadCountyFile(throttled({ rateLimit: 50 }))).toThrow(/: api\.throttle\.burstLimit: must be the burst/);
    expect(() => loadCountyFile(throttled({ rateLimit: 50, burstLimit: 100, perClient: 5 }))).toThrow(/api\.throttle.*perClient/);
    expect(loadCountyFile(throttled({ rateLimit: 0.5, burstLimit: 1 })).api.throttle).toEqual({ rateLimit: 0.5, burstLimit: 1 });
  });

  it('reports unreadable JSON with the file name', () => {
    const file = writeCounty('{ not json', 'testcounty.json');
    expect(() => loadCountyFile(file)).toThrow(new RegExp(`${file}: \\(root\\): is not readable JSON`));
  });

  it('says which counties exist when asked for an unknown one', () => {
    expect(() => loadCounty('atlantis')).toThrow(/no such county \(known: jiaxian, kunming, lianjiang, wuchang, zanhuang\)/);
  });
});
