/**
 * Hostile input (issue 7, part 5): injection-like strings in every string field of every request body
 * (fields from the body schemas of functions/catalog.ts), and bodies over the size limit (hostile path
 * parameters are in isolation-matrix.test.ts, which has the time to spare). A string is stored verbatim and read back as the same JSON string, or refused with a 400
 * naming its field; never a 5xx, never another value. An oversized body is 413 and stores nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { maxBodyBytes } from '../../shared/http/http-handler.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { inPool, send, type ApiAnswer } from '../support/isolation-http.ts';
import {
  bodySchemaOf,
  holdsString,
  hostileRoutes,
  hostileStrings,
  seedHostileWorld,
  stringFieldPaths,
  withValueAt,
  type HostileRoute,
  type HostileWorld,
  type Template,
} from '../support/isolation-hostile.ts';
import { httpRoutes } from '../support/isolation-routes.ts';
import { formatTable } from '../support/isolation-table.ts';
import { county, orgOf } from '../support/isolation-world.ts';
import { testClockStart, testDate } from '../support/test-date.ts';

// The handlers' INFO lines (a refusal each) would bury the tables; warnings and errors still show. Hoisted:
// the logger is made when shared/http/http-handler.ts is imported (for maxBodyBytes), before the rest of this file runs.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

const concurrency = 6;
const bodyRoutes = httpRoutes().filter((r) => r.trigger.request?.body);

let platform: LocalPlatform;
let w: HostileWorld;

beforeAll(async () => {
  platform = await startLocalPlatform({ county, clock: testClockStart, dataDir: mkdtempSync(join(tmpdir(), 'hostile-input-')), port: 0, fresh: true, demo: false, retryTimeScale: 0, log: () => undefined });
  w = await seedHostileWorld(platform);
}, 180_000);
afterAll(() => platform?.stop());

it('every route with a request body has a hostile-input entry (test/support/isolation-hostile.ts)', () => {
  expect(bodyRoutes.filter((r) => !hostileRoutes[r.key]).map((r) => r.key)).toEqual([]);
});

describe('injection-like strings in every string field of every body', () => {
  interface Attempt {
    route: string;
    field: string;
    string: string;
    status: number;
    problem?: string;
  }
  const attempts: Attempt[] = [];
  const fieldsOf = new Map<string, string[]>();
  let seconds = 0;

  /** 2xx: the value is read back as the very same string; 400: the error names the field; anything else is wrong. */
  async function judge(template: Template, field: string, value: string, answer: ApiAnswer, judge2xx?: HostileRoute['judge2xx'], judgeItem?: boolean): Promise<string | undefined> {
    const item = judgeItem && answer.status < 300 ? answer.json?.results?.[0] : undefined;
    if (item && item.ok === false) return item.error?.field === `body.${field}` ? undefined : `the item refused naming ${JSON.stringify(item.error?.field)}, not body.${field}: ${JSON.stringify(item.error)}`;
    if (answer.status === 400) {
      const named = answer.json?.error?.field;
      return named === `body.${field}` ? undefined : `400 naming ${JSON.stringify(named)}, not body.${field}: ${answer.text.slice(0, 200)}`;
    }
    if (answer.status >= 300) return `${answer.status}: ${answer.text.slice(0, 200)}`;
    if (!answer.contentType.includes('application/json') || answer.json === undefined) return `a ${answer.status} answer that is not JSON (${answer.contentType})`;
    if (judge2xx) return judge2xx(answer, field, value, template);
    const stored = await template.readBack(answer);
    return holdsString(stored.json, value) ? undefined : `${answer.status}, but the value read back is not the one sent (${stored.status}: ${stored.text.slice(0, 200)})`;
  }

  beforeAll(async () => {
    const started = Date.now();
    const chains: (() => Promise<void>)[] = [];
    for (const { key, trigger } of bodyRoutes) {
      const entry = hostileRoutes[key];
      if (!entry) continue;
      const base = await entry.prepare(w);
      const all = stringFieldPaths(bodySchemaOf(trigger)!, base.request.body);
      const fields = entry.fields ? entry.fields(all) : all;
      fieldsOf.set(key, fields);
      for (const field of fields)
        chains.push(async () => {
          let after: { template: Template; answer: ApiAnswer } | undefined;
          for (const { name, value } of hostileStrings) {
            const template = await entry.prepare(w, after);
            const answer = await send(platform, { ...template.request, body: withValueAt(template.request.body, field, value) }, template.as);
            const problem = await judge(template, field, value, answer, entry.judge2xx, entry.judgeItem).catch((error: Error) => `reading back: ${error.message}`);
            attempts.push({ route: key, field, string: name, status: answer.status, ...(problem ? { problem } : {}) });
            after = { template, answer };
          }
        });
    }
    await inPool(concurrency, chains);
    seconds = (Date.now() - started) / 1000;
  }, 240_000);

  afterAll(() => {
    if (!attempts.length) return;
    const rows = [...fieldsOf.keys()].map((route) => [
      `${route} (${fieldsOf.get(route)!.length})`,
      ...hostileStrings.map(({ name }) => {
        const mine = attempts.filter((a) => a.route === route && a.string === name);
        const counts = [...new Set(mine.map((a) => a.status))].sort().map((s) => `${s}×${mine.filter((a) => a.status === s).length}`);
        return `${counts.join(' ')} ${mine.some((a) => a.problem) ? '✗' : '✓'}`;
      }),
    ]);
    console.log(
      [
        '',
        `Hostile strings in every string field of every body (route (fields) × string: statuses × fields), ${attempts.length} requests in ${seconds.toFixed(1)} s.`,
        '2xx: stored and read back as the same string; 400: refused naming the field.',
        '',
        formatTable(['route (string fields)', ...hostileStrings.map((s) => s.name)], rows),
        '',
      ].join('\n'),
    );
  });

  it.each(bodyRoutes.map((r) => r.key))('%s', (key) => {
    const mine = attempts.filter((a) => a.route === key);
    expect(mine.filter((a) => a.problem).map((a) => `${a.field} ← ${a.string}: ${a.problem}`)).toEqual([]);
    expect(mine.length).toBe((fieldsOf.get(key)?.length ?? 0) * hostileStrings.length);
    expect(fieldsOf.get(key)?.length, 'string fields found in the body schema').toBeGreaterThan(0);
  });
});

describe('bodies over the size limit', () => {
  const results = new Map<string, { status: number; code: unknown; storedAfterRefusal: boolean; controlStatus: number; storedAfterControl: boolean }>();

  beforeAll(async () => {
    await inPool(
      concurrency,
      bodyRoutes
        .filter((r) => hostileRoutes[r.key])
        .map(({ key }) => async () => {
          const entry = hostileRoutes[key]!;
          const template = await entry.prepare(w);
          const marker = w.unique('OVERSIZE');
          const body = JSON.stringify(withValueAt(template.request.body, entry.markerField, entry.markerValue ? entry.markerValue(marker) : marker));
          // Valid JSON with trailing spaces: parsed and stored, were it not for its size.
          const padded = body + ' '.repeat(maxBodyBytes + 1 - Buffer.byteLength(body));
          const refused = await send(platform, { ...template.request, body: padded }, template.as);
          const storedAfterRefusal = await template.stored(marker);
          // The same body within the limit goes through and is seen where the refused one was looked for.
          const control = await send(platform, { ...template.request, body }, template.as);
          if (key === 'POST /reports/uploads' && control.status < 300) await w.settleUpload(control);
          results.set(key, { status: refused.status, code: refused.json?.error?.code, storedAfterRefusal, controlStatus: control.status, storedAfterControl: await template.stored(marker) });
        }),
    );
    console.log(
      [
        '',
        `Bodies of ${maxBodyBytes + 1} bytes (maxBodyBytes + 1): 413 PAYLOAD_TOO_LARGE, nothing stored; the same body within the limit is stored (the look-up works).`,
        '',
        formatTable(
          ['route', 'oversized', 'stored', 'within the limit', 'stored'],
          [...results].map(([route, r]) => [route, `${r.status} ${String(r.code)}`, r.storedAfterRefusal ? 'yes ✗' : 'no ✓', String(r.controlStatus), r.storedAfterControl ? 'yes ✓' : hostileRoutes[route]!.judge2xx ? 'no (stores nothing) ✓' : 'no ✗']),
        ),
        '',
      ].join('\n'),
    );
  }, 180_000);

  it.each(bodyRoutes.map((r) => r.key))('%s', (key) => {
    // A route that stores nothing (a preview): its control is a 2xx that stores nothing either.
    expect(results.get(key)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', storedAfterRefusal: false, storedAfterControl: !hostileRoutes[key]!.judge2xx });
    expect(results.get(key)!.controlStatus).toBeLessThan(300);
  });

  it('a body over the gateway limit (10 MB) is refused by the gateway itself', async () => {
    const answer = await send(platform, { method: 'POST', path: '/records', body: ' '.repeat(10 * 1024 * 1024 + 1) }, orgOf('department', 'A'));
    expect(answer.status).toBe(413);
  });
});
