/**
 * The local runtime's dev endpoints (`/_local/clock`, `/_local/invoke/*`, the dev sign-in `/_local/token`)
 * cannot be driven by a page of another origin: no CORS on them, and a browser's cross-origin request is
 * refused (issue 13 §3g). A malformed percent-escape in a path is 400, not 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
let platform: LocalPlatform;
beforeAll(async () => {
  platform = await startTestPlatform(county, 'local-dev-endpoints');
});
afterAll(() => platform?.stop());

const at = (path: string, init: RequestInit = {}) => fetch(`${platform.apiUrl}${path}`, init);
const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' };

describe('dev endpoints', () => {
  it('refuse a page of another origin (403 CROSS_ORIGIN) and carry no Access-Control-Allow-Origin', async () => {
    const before = (await (await at('/_local/clock')).json()) as { now: string };
    for (const [path, body] of [
      ['/_local/clock', '{"advance":"P400D"}'],
      ['/_local/token', '{"role":"creditOffice","orgId":"credit-office"}'],
      ['/_local/invoke/overdue-scan', '{}'],
    ] as const) {
      const answer = await at(path, { method: 'POST', headers: evil, body });
      expect(answer.status, path).toBe(403);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(((await answer.json()) as any).error.code).toBe('CROSS_ORIGIN');
      // A page that only sets Origin (no Sec-Fetch-Site, an older browser) is refused as well.
      expect((await at(path, { method: 'POST', headers: { origin: 'http://evil.example' }, body })).status, path).toBe(403);
    }
    const after = (await (await at('/_local/clock')).json()) as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now), 'the clock did not travel 400 days').toBeLessThan(60_000);
  });

  it('answer their own origin and the command line, without CORS; a preflight to them grants nothing', async () => {
    const own = new URL(platform.apiUrl).origin;
    const mine = await at('/_local/clock', { headers: { origin: own, 'sec-fetch-site': 'same-origin' } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('access-control-allow-origin')).toBeNull();
    const token = await at('/_local/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'department', orgId: 'dept-finance' }) });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await at('/_local/token', { method: 'OPTIONS', headers: { origin: own, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const evilPreflight = await at('/_local/clock', { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(evilPreflight.status).toBe(403);
    expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the API keeps its CORS rule (bearer tokens, no cookies): a route answers any origin', async () => {
    const answer = await at('/public/county', { headers: { origin: 'http://other.example' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('paths', () => {
  it('a malformed percent-escape is 400 BAD_PATH, not 500, on API routes and site assets', async () => {
    for (const path of ['/public/records/%E0%A4%A', '/records/%zz', '/public/report-verifications/%', '/assets/%E0%A4%A.js']) {
      const answer = await at(path);
      expect(answer.status, path).toBe(400);
      expect(((await answer.json()) as any).error.code, path).toBe('BAD_PATH');
    }
  });
});
