import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCountyConfig } from '../../shared/config/county-config.ts';
import { loadCounties } from '../../shared/config/load-counties.ts';

/**
 * A function reads its county from COUNTY_CONFIG without parsing it again (shared/config/county-from-env.ts):
 * what is put there is the JSON of a config `loadCounty` parsed. That is sound only while the JSON of a
 * parsed config parses to itself, unchanged: no transform makes something JSON cannot carry (a Date, a Map, a
 * function) or output that the schema would read differently.
 */
describe('the county from the environment', () => {
  const original = process.env.COUNTY_CONFIG;
  afterEach(() => {
    process.env.COUNTY_CONFIG = original;
    vi.resetModules();
  });

  for (const county of loadCounties()) {
    it(`${county.id}: the JSON of the parsed config is a parsed config, and the function reads exactly it`, async () => {
      const json = JSON.stringify(county);
      expect(JSON.parse(json)).toEqual(county);
      expect(parseCountyConfig(JSON.parse(json), 'round trip')).toEqual(JSON.parse(json));
      process.env.COUNTY_CONFIG = json;
      const { countyFromEnv } = await import('../../shared/config/county-from-env.ts');
      expect(countyFromEnv()).toEqual(county);
    });
  }

  it('something that is not a county config fails loudly at the first read', async () => {
    process.env.COUNTY_CONFIG = JSON.stringify({ name: 'no id' });
    const { countyFromEnv } = await import('../../shared/config/county-from-env.ts');
    expect(() => countyFromEnv()).toThrow(/COUNTY_CONFIG does not hold a county config/);
  });
});
