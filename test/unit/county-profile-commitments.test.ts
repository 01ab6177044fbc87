import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { countyProfileBody } from '../../shared/public-site/county-profile-api.ts';
import { countyProfile } from '../../shared/public-site/county-profile.ts';

/** GET /public/county names the commitments each county's notice offers, so the console offers one only where POST /checks takes it. */
describe('the county profile’s commitments', () => {
  it('Jia County: a written 信用承诺 for administrative approvals and three other matter types, none for procurement', () => {
    const profile = countyProfileBody.parse(countyProfile(loadCounty('jiaxian'), '2026-11-23'));
    expect(profile.commitments).toEqual([{ mode: 'written', modeLabel: '信用承诺', matterTypes: ['administrative-approval', 'market-access', 'qualification-review', 'fund-support'] }]);
    expect(profile.commitments.some((c) => c.matterTypes.includes('procurement'))).toBe(false);
  });

  it('a county whose notice offers none lists none', () => {
    expect(countyProfile(loadCounty('kunming'), '2026-11-23').commitments).toEqual([]);
  });
});
