import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { startTestPlatform } from '../support/platform-api.ts';

// A county with a tiny throttle, for this test only: 3 requests at once per route, then one every 5 s (slow
// enough that a busy machine's slow request does not see a token come back in between).
const base = loadCounty('jiaxian');
const county = { ...base, api: { ...base.api, throttle: { rateLimit: 0.2, burstLimit: 3 } } };

let platform: LocalPlatform;
beforeAll(async () => {
  platform = await startTestPlatform(county, 'throttling-it');
});
afterAll(() => platform?.stop());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${platform.apiUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as any };
};
const statuses = async (path: string, count: number) => (await Promise.all(Array.from({ length: count }, () => get(path)))).map((a) => a.status);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the local gateway throttles each route as the stage does (county api.throttle)', () => {
  it('answers 429 past the burst, leaves other routes alone, and lets requests through again at the steady rate', async () => {
    const burst = await Promise.all(Array.from({ length: 5 }, () => get('/public/county')));
    expect(burst.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
    expect(burst.find((a) => a.status === 429)!.body).toEqual({
      message: 'Too Many Requests',
      error: { code: 'THROTTLED', message: expect.stringContaining('GET /public/county') },
    });
    // Another route has its own bucket.
    expect((await get('/public/notices?date=2026-09-30')).status).toBe(200);

    // Empty the bucket again (at most 3 of 5 pass), then one token in 5 s comes back: one request
    // passes, the next is refused again.
    expect(await statuses('/public/county', 5)).toContain(429);
    await sleep(5_200);
    expect((await get('/public/county')).status).toBe(200);
    expect((await get('/public/county')).status).toBe(429);
  });

  it('refuses unsigned and badly signed requests before the bucket: a flood of them leaves signed-in callers their budget', async () => {
    const forged = `${(await platform.token('department', 'dept-finance')).slice(0, -4)}AAAA`;
    const flood = [
      ...(await statuses('/notices', 10)),
      ...(await Promise.all(Array.from({ length: 10 }, () => get('/notices', { authorization: `Bearer ${forged}` })))).map((a) => a.status),
    ];
    expect(flood).toEqual(Array(20).fill(401));
    const office = { authorization: `Bearer ${await platform.token('creditOffice', 'credit-office')}` };
    // The whole burst is still there for a verified caller: 3 pass, then the route is throttled as before.
    const signed = await Promise.all(Array.from({ length: 4 }, () => get('/notices', office)));
    expect(signed.map((a) => a.status).sort()).toEqual([200, 200, 200, 429]);
  });
});
