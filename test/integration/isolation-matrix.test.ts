/**
 * Isolation (issue 7, part 5): every route of functions/catalog.ts is sent as every role, with the
 * caller's own resources and with another organisation's, and must answer as the declaration and the
 * expectations table say, with no other organisation's private data in the answer (markers, see
 * test/support/isolation-world.ts); then every route with bad tokens (both printed as tables), and
 * every path parameter with injection-like strings; and the fields of a record a caller with no relation
 * to it gets: the public site's, nothing more (test/support/isolation-projection.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { roles } from '../../shared/identity/roles.ts';
import { recordIdFor } from '../../shared/records/stored-record.ts';
import { uploadIdOf } from '../../shared/reports/report-rules.ts';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.ts';
import { inPool, send, throttled, type ApiAnswer, type ApiRequest } from '../support/isolation-http.ts';
import { judge, matrixCells, matrixTable, otherAnswersLegend, runCells, type Cell } from '../support/isolation-matrix.ts';
import { contextFor, httpRoutes, routeCases } from '../support/isolation-routes.ts';
import { formatTable } from '../support/isolation-table.ts';
import { hostileStrings } from '../support/isolation-hostile.ts';
import { badTokens, type BadToken } from '../support/isolation-tokens.ts';
import { byRecordId, internalValues, internalValuesIn, jsonDifferences, projectionRoles, relatedCallers, unrelatedCallers } from '../support/isolation-projection.ts';
import { companyId, county, families, office, orgOf, personId, seedWorld, world, type Family, type Org, type World } from '../support/isolation-world.ts';

// The handlers' INFO lines (a refusal each) would bury the tables; warnings and errors still show.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
});

/** Requests in flight at once: the local gateway may throttle (429), and the emulators share one machine. */
const concurrency = 6;

let platform: LocalPlatform;
let w: World;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'isolation-matrix-'));
  platform = await startLocalPlatform({ county, dataDir, port: 0, fresh: true, demo: false, retryTimeScale: 0, log: () => undefined });
  w = await seedWorld(platform);
}, 180_000);
afterAll(() => platform?.stop());

// Before the matrix: its cells make each department the provider of a record about the other family's
// subject (POST /records "other"), after which it rightly sees that record whole.
describe('field-level projection: a caller with no relation to a record gets what the public site shows of it', () => {
  interface Seen {
    family: Family;
    caller: Org;
    route: string;
    status: number;
    problems: string[];
  }
  const seen: Seen[] = [];
  const publicOf = {} as Record<Family, { record: ApiAnswer; search: ApiAnswer }>;
  const fullOf: { family: Family; caller: Org; answer: ApiAnswer }[] = [];

  beforeAll(async () => {
    for (const f of families) {
      const fw = world(w, f);
      // The public site's JSON of the record and of the subject's records (a search by its whole code).
      const [record, search] = await Promise.all([
        send(platform, { method: 'GET', path: `/public/records/${fw.records.public}` }, undefined),
        send(platform, { method: 'GET', path: `/public/records?q=${encodeURIComponent(fw.subjectId)}` }, undefined),
      ]);
      publicOf[f] = { record, search };
    }
    const tasks = families.flatMap((f) => {
      const fw = world(w, f);
      const internals = internalValues(fw);
      const { record: pub, search } = publicOf[f];
      const publicSubject = search.json?.subjects?.[0];
      return [
        ...unrelatedCallers(f).flatMap((caller) => [
          async () => {
            const route = 'GET /records/{id}';
            const answer = await send(platform, { method: 'GET', path: `/records/${fw.records.public}?history=true` }, caller);
            const problems =
              answer.status !== 200
                ? [`${answer.status}: ${answer.text.slice(0, 200)}`]
                : [...internalValuesIn(answer.json, internals).map((v) => `holds ${v}`), ...jsonDifferences(answer.json, { record: pub.json })];
            seen.push({ family: f, caller, route, status: answer.status, problems });
          },
          async () => {
            const route = 'GET /subjects/{subjectId}/records';
            const answer = await send(platform, { method: 'GET', path: `/subjects/${fw.subjectId}/records` }, caller);
            const problems =
              answer.status !== 200
                ? [`${answer.status}: ${answer.text.slice(0, 200)}`]
                : [
                    ...internalValuesIn(answer.json, internals).map((v) => `holds ${v}`),
                    // The subject block is shaped as the search's (id, type, name): the same values; the records, the search's records.
                    ...jsonDifferences(answer.json?.subject, publicSubject?.subject, '$.subject'),
                    ...jsonDifferences(byRecordId(answer.json?.records ?? []), byRecordId(publicSubject?.records ?? []), '$.records'),
                  ];
            seen.push({ family: f, caller, route, status: answer.status, problems });
          },
        ]),
        ...relatedCallers(f).map((caller) => async () => {
          fullOf.push({ family: f, caller, answer: await send(platform, { method: 'GET', path: `/records/${fw.records.public}` }, caller) });
        }),
      ];
    });
    await inPool(concurrency, tasks);
  }, 120_000);

  afterAll(() => {
    if (!seen.length) return;
    const routes = [...new Set(seen.map((s) => s.route))];
    const rows = families.flatMap((f) =>
      unrelatedCallers(f).map((caller) => [
        `${caller.label} → family ${f}'s record`,
        ...routes.map((route) => {
          const s = seen.find((x) => x.family === f && x.caller.label === caller.label && x.route === route);
          return s ? `${s.status} ${s.problems.length ? `✗ (${s.problems.length})` : '✓'}` : '·';
        }),
      ]),
    );
    console.log(['', 'Field-level projection: a caller with no relation gets the public site\'s JSON of the record (✓), or what differs (✗).', '', formatTable(['caller', ...routes], rows), ''].join('\n'));
  });

  it('the seeded public records hold what the public site leaves out (remarks, a correction reason, a provider, a person), and the public site leaves it out', () => {
    expect(projectionRoles()).toBe(true);
    for (const f of families) {
      const fw = world(w, f);
      const { record, search } = publicOf[f];
      expect([f, record.status, search.status]).toEqual([f, 200, 200]);
      expect(record.json.status).toBe('corrected');
      expect(internalValuesIn(record.json, internalValues(fw))).toEqual([]);
      expect(internalValuesIn(search.json, internalValues(fw))).toEqual([]);
      expect(search.json.subjects[0].records.map((r: { recordId: string }) => r.recordId)).toContain(fw.records.public);
    }
    expect(publicOf.B.record.json.subject).toMatchObject({ type: 'residentId', name: '乙**' });
    expect(publicOf.B.record.json.subject.id).not.toBe(personId);
    expect(publicOf.B.search.json.subjects[0].subject.name).toBe('乙**');
  });

  it('its subject, its provider and the credit office keep their fuller view: remarks, the correction and its reason, the provider', () => {
    expect(fullOf.length).toBe(families.length * 3);
    const missing = fullOf.flatMap(({ family, caller, answer }) => {
      const fw = world(w, family);
      if (answer.status !== 200) return [`${caller.label} → ${family}: ${answer.status}`];
      const held = internalValuesIn(answer.json, internalValues(fw).filter((v) => ['remarks', 'correction reason', 'provider org id'].includes(v.what)));
      return held.length === 3 ? [] : [`${caller.label} → ${family}: holds only ${held.join(', ') || 'none'}`];
    });
    expect(missing).toEqual([]);
  });

  it.each(['GET /records/{id}', 'GET /subjects/{subjectId}/records'])(
    "%s: an agency, an institution, another subject, another department get the public site's JSON of the record, nothing more",
    (route) => {
      const mine = seen.filter((s) => s.route === route);
      expect(mine.length).toBe(families.reduce((n, f) => n + unrelatedCallers(f).length, 0));
      expect(mine.filter((s) => s.problems.length).flatMap((s) => s.problems.map((p) => `${s.caller.label} → family ${s.family}: ${p}`))).toEqual([]);
    },
  );
});

describe('every route × every role × own and another organisation', () => {
  let cells: Cell[] = [];
  let seconds = 0;

  beforeAll(async () => {
    const started = Date.now();
    cells = matrixCells(w);
    await runCells(w, cells, concurrency);
    seconds = (Date.now() - started) / 1000;
  }, 120_000);

  afterAll(() => {
    if (!cells.length) return;
    const sent = cells.filter((c) => c.answer).length;
    console.log(
      [
        '',
        `Isolation matrix: ${httpRoutes().length} routes × ${roles.length} roles (${roles.join(', ')}), own and another organisation's;`,
        `each cell sent as each organisation of the role (dept-a/dept-b, company/person, agency-a/agency-b, …), ${sent} requests in ${seconds.toFixed(1)} s` +
          (throttled() ? ` (${throttled()} answered 429 THROTTLED and were sent again: lower the concurrency).` : '.'),
        'Not in the declaration: 403. Own resource: 2xx. Another organisation\'s: as below (404 where not said). · = not applicable.',
        '',
        matrixTable(cells),
        '',
        'Answers to another organisation\'s resource:',
        otherAnswersLegend(),
        '',
      ].join('\n'),
    );
  });

  it('every HTTP route of the catalog has a request builder (a route added later must be added to test/support/isolation-routes.ts)', () => {
    const missing = httpRoutes().filter((r) => !routeCases[r.key]).map((r) => r.key);
    expect(missing).toEqual([]);
  });

  it.each(httpRoutes().map((r) => r.key))('%s', (key) => {
    const problems = cells.filter((c) => c.route === key).flatMap((c) => c.problems.map((p) => `${c.role} ${c.side}: ${p}`));
    expect(problems).toEqual([]);
  });
});

describe('bad tokens on every route', () => {
  const rows: string[][] = [];
  let tokens: BadToken[] = [];
  const results: { token: BadToken; route: string; isPublic: boolean; answer: ApiAnswer; expected: number }[] = [];
  /** Values made for the requests of this block: none of them may be stored. */
  const made: string[] = [];

  beforeAll(async () => {
    tokens = await badTokens(dataDir, county.id, 'lianjiang');
    const madeWorld: World = { ...w, unique: (prefix) => (made.push(w.unique(`${prefix}-TOKEN`)), made.at(-1)!) };
    const tasks = tokens.flatMap((token) =>
      httpRoutes().map(({ key, trigger }) => async () => {
        const isPublic = 'public' in trigger.access;
        const role = 'roles' in trigger.access ? (trigger.access.roles.includes('department') ? 'department' : trigger.access.roles[0]!) : 'department';
        const request: ApiRequest = routeCases[key]?.own(contextFor(madeWorld, orgOf(role, 'A'))) ?? { method: trigger.method, path: trigger.path };
        const answer = await send(platform, request, token.token === undefined ? undefined : { token: token.token });
        results.push({ token, route: key, isPublic, answer, expected: isPublic ? 200 : token.expected });
      }),
    );
    await inPool(concurrency, tasks);
    for (const token of tokens) {
      const mine = results.filter((r) => r.token === token);
      const summary = (list: typeof mine) => {
        if (!list.length) return '·';
        const statuses = [...new Set(list.map((r) => r.answer.status))].join('/');
        const good = list.filter((r) => r.answer.status === r.expected).length;
        return `${statuses} ${good === list.length ? '✓' : '✗'} (${good}/${list.length})`;
      };
      rows.push([token.name, String(token.expected), summary(mine.filter((r) => !r.isPublic)), summary(mine.filter((r) => r.isPublic))]);
    }
  }, 120_000);

  afterAll(() => {
    if (!rows.length) return;
    console.log(['', 'Bad tokens: every route with a token must refuse; public routes ignore the token (200).', '', formatTable(['token', 'expected', 'routes with a token', 'public routes'], rows), ''].join('\n'));
  });

  it('every route refuses each bad token (401; a token of another county: 403), public routes answer as to anyone', () => {
    const wrong = results.filter((r) => r.answer.status !== r.expected).map((r) => `${r.token.name} on ${r.route}: ${r.answer.status}, expected ${r.expected}: ${r.answer.text.slice(0, 200)}`);
    expect(wrong).toEqual([]);
    expect(results.length).toBe(tokens.length * httpRoutes().length);
  });

  it('the gateway answers a refused token itself, and a wrong county with FORBIDDEN', () => {
    const byGateway = results.filter((r) => !r.isPublic && r.token.refusedBy === 'gateway');
    expect(byGateway.filter((r) => r.answer.json?.message !== 'Unauthorized').map((r) => `${r.token.name} on ${r.route}`)).toEqual([]);
    const byHandler401 = results.filter((r) => !r.isPublic && r.token.refusedBy === 'handler' && r.expected === 401);
    expect(byHandler401.filter((r) => r.answer.json?.error?.code !== 'UNAUTHENTICATED').map((r) => `${r.token.name} on ${r.route}: ${r.answer.text}`)).toEqual([]);
    const county403 = results.filter((r) => !r.isPublic && r.expected === 403);
    expect(county403.filter((r) => r.answer.json?.error?.code !== 'FORBIDDEN').map((r) => `${r.route}: ${r.answer.text}`)).toEqual([]);
  });

  it('nothing sent with a bad token was stored', async () => {
    const listings = await Promise.all([
      send(platform, { method: 'GET', path: `/subjects/${companyId}/records` }, office),
      send(platform, { method: 'GET', path: `/subjects/${personId}/records` }, office),
      send(platform, { method: 'GET', path: '/checks?limit=200' }, orgOf('department', 'A')),
      send(platform, { method: 'GET', path: '/departments' }, office),
      send(platform, { method: 'GET', path: '/public/agencies' }, undefined),
    ]);
    expect(listings.map((l) => l.status)).toEqual([200, 200, 200, 200, 200]);
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((value) => listings.some((l) => l.text.includes(value)))).toEqual([]);
  });
});

describe('hostile path parameters', () => {
  const routes = httpRoutes().filter((r) => r.trigger.path.includes('{'));
  const found: { route: string; string: string; status: number; text: string }[] = [];

  beforeAll(async () => {
    await inPool(
      concurrency,
      routes.flatMap(({ key, trigger }) =>
        hostileStrings
          .filter((s) => s.name !== 'very long') // a URL has a length limit of its own (431 from the server)
          .map(({ name, value }) => async () => {
            const role = 'roles' in trigger.access ? trigger.access.roles[0]! : 'department';
            const path = trigger.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
            // Path parameters are read before the query and the body: an empty body does for every route.
            const answer = await send(platform, { method: trigger.method, path, ...(trigger.request?.body ? { body: {} } : {}) }, orgOf(role, 'A'));
            found.push({ route: key, string: name, status: answer.status, text: answer.text.slice(0, 200) });
          }),
      ),
    );
  }, 120_000);

  it('every route with a path parameter answers 400 or 404 to each, never a 2xx or a 5xx', () => {
    expect(found.filter((f) => f.status !== 400 && f.status !== 404).map((f) => `${f.route} ← ${f.string}: ${f.status} ${f.text}`)).toEqual([]);
    expect(found.length).toBe(routes.length * (hostileStrings.length - 1));
  });
});

describe('hostile query parameters', () => {
  /** Every string query parameter of every route (from its query schema), sent by a caller the route allows. */
  const params = httpRoutes().flatMap(({ key, trigger }) => {
    const query = trigger.request?.query;
    if (!query) return [];
    const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string }> };
    return Object.entries(schema.properties ?? {}).map(([name]) => ({ key, trigger, name }));
  });
  const found: { route: string; param: string; string: string; status: number; problems: string[] }[] = [];

  beforeAll(async () => {
    await inPool(
      concurrency,
      params.flatMap(({ key, trigger, name }) =>
        hostileStrings
          .filter((s) => s.name !== 'very long') // a request line has a length limit of its own (431 from the server)
          .map(({ name: string, value }) => async () => {
            const role = 'roles' in trigger.access ? trigger.access.roles[0]! : 'department';
            const caller = orgOf(role, 'A');
            const path = trigger.path.replace(/\{[^}]+\}/g, 'x');
            // The route's own request when it has one (valid path and other parameters), this parameter replaced.
            const own = routeCases[key]?.own(contextFor(w, caller));
            const url = new URL(own?.path ?? path, 'http://localhost');
            url.searchParams.set(name, value);
            const request: ApiRequest = { method: trigger.method, path: `${url.pathname}${url.search}`, ...(own?.body !== undefined ? { body: own.body } : {}) };
            const answer = await send(platform, request, 'public' in trigger.access ? undefined : caller);
            const problems =
              answer.status >= 500
                ? [`${answer.status}: ${answer.text.slice(0, 160)}`]
                : answer.status === 400 && answer.json?.error?.field !== `query.${name}` && !String(answer.json?.error?.field ?? '').startsWith('path.')
                  ? [`400 naming ${answer.json?.error?.field}, not query.${name}`]
                  : judge(w, trigger, key, caller, { status: answer.status }, request, answer);
            found.push({ route: key, param: name, string, status: answer.status, problems });
          }),
      ),
    );
  }, 120_000);

  it('every query parameter of every route answers a hostile string without a 5xx; a 400 names the parameter', () => {
    expect(params.length).toBeGreaterThan(0);
    expect(found.length).toBe(params.length * (hostileStrings.length - 1));
    expect(found.filter((f) => f.problems.length).map((f) => `${f.route} ?${f.param} ← ${f.string}: ${f.problems.join('; ')}`)).toEqual([]);
  });
});

describe('ids anyone can compute do not disclose what the caller may not see', () => {
  // Record, upload and report ids are digests of what names them (provider, kind, decision number;
  // agency, report number): anyone who knows or guesses a decision number can compute the id.
  const hiddenOfA = () => recordIdFor('dept-a', 'licence', 'ISO-A-HID-1');

  it("another department's record out of publicity: GET answers 404, as for none", async () => {
    expect(hiddenOfA()).toBe(w.A.records.hidden);
    const answer = await send(platform, { method: 'GET', path: `/records/${hiddenOfA()}` }, orgOf('department', 'B'));
    expect(answer.status).toBe(404);
  });

  it("another subject's record: an objection or a repair answers 404, as for none", async () => {
    for (const path of ['/objections', '/repairs']) {
      const body = { recordId: hiddenOfA(), reason: '试探', commitment: '试探', correctiveActions: '试探' };
      const answer = await send(platform, { method: 'POST', path, body: path === '/objections' ? { recordId: body.recordId, reason: body.reason } : body }, orgOf('subject', 'B'));
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });

  it("PUT /records/{id} on another department's record out of publicity answers 404, as GET does (not 403: that says it exists)", async () => {
    const correction = { record: { ...w.B.inputs.correct, decisionNumber: 'ISO-A-HID-1' }, reason: '试探', expectedVersion: 1 };
    const answer = await send(platform, { method: 'PUT', path: `/records/${hiddenOfA()}`, body: correction }, orgOf('department', 'B'));
    expect([answer.status, answer.json?.error?.code]).toEqual([404, 'NOT_FOUND']);
  });

  it("a record out of publicity on the public site: 404, as for none", async () => {
    if (!routeCases['GET /public/records/{id}'] || !httpRoutes().some((r) => r.key === 'GET /public/records/{id}')) return;
    const answer = await send(platform, { method: 'GET', path: `/public/records/${hiddenOfA()}` }, undefined);
    expect(answer.status).toBe(404);
  });

  it("the public site's search: a company by its code shows only what is public; a person is not found by name", async () => {
    const search = httpRoutes().find((r) => r.key === 'GET /public/records');
    if (!search) return;
    const byCode: ApiRequest = { method: 'GET', path: `/public/records?q=${companyId}` };
    const found = await send(platform, byCode, undefined);
    expect(found.status).toBe(200);
    expect(found.text).toContain('ISO-A-PUB-1');
    expect(judge(w, search.trigger, search.key, office, { status: 200 }, byCode, found)).toEqual([]);
    const byName = await send(platform, { method: 'GET', path: `/public/records?q=${encodeURIComponent('乙某某')}` }, undefined);
    expect(byName.status).toBe(200);
    expect(byName.text).not.toContain('ISO-B-');
  });

  it("another agency's upload: 404, as for none", async () => {
    const answer = await send(platform, { method: 'GET', path: `/reports/uploads/${uploadIdOf('agency-a', w.A.uploadReportNumber)}` }, orgOf('agency', 'B'));
    expect(answer.status).toBe(404);
  });
});

describe('page tokens (nextToken) of another organisation, and forged ones', () => {
  /** Routes whose query takes a nextToken. */
  const paged = httpRoutes().filter(({ trigger }) => {
    const query = trigger.request?.query as { shape?: Record<string, unknown> } | undefined;
    return query?.shape !== undefined && 'nextToken' in query.shape;
  });
  const forged = {
    'empty object': {},
    'an array': [],
    'a string': 'x',
    'a key of no table': { pk: 'ORG#dept-a', sk: 'x' },
    'a key with wrong types': { pk: { S: 'x' }, sk: 7, gsi1pk: null },
  } as Record<string, unknown>;
  const found: { route: string; what: string; caller: string; status: number; problems: string[] }[] = [];

  beforeAll(async () => {
    const tasks = paged.flatMap(({ key, trigger }) => {
      const isPublic = 'public' in trigger.access;
      // Each role the route allows: a token one family got, used by the other; forged tokens too.
      return ('roles' in trigger.access ? trigger.access.roles : (['department'] as const)).flatMap((role) => {
        const [ownerA, callerB] = role === 'creditOffice' ? [office, office] : [orgOf(role, 'A'), orgOf(role, 'B')];
        // The route's own request (its required parameters), one item a page.
        const url = new URL(routeCases[key]?.own(contextFor(w, ownerA)).path ?? trigger.path, 'http://localhost');
        url.searchParams.set('limit', '1');
        url.searchParams.delete('nextToken');
        const base = `${url.pathname}${url.search}`;
        const probe = async (what: string, token: string) => {
          const request: ApiRequest = { method: 'GET', path: `${base}&nextToken=${encodeURIComponent(token)}` };
          const answer = await send(platform, request, isPublic ? undefined : callerB);
          const problems =
            answer.status === 200 || (answer.status === 400 && answer.json?.error?.field === 'query.nextToken')
              ? judge(w, trigger, key, callerB, { status: answer.status }, request, answer)
              : [`${answer.status}, expected 200 or 400 naming query.nextToken: ${answer.text.slice(0, 160)}`];
          found.push({ route: key, what, caller: callerB.label, status: answer.status, problems });
        };
        return [
          async () => {
            // A real token of the other family's listing (one item a page, so that there is a next page).
            if (role === 'creditOffice') return;
            const first = await send(platform, { method: 'GET', path: base }, isPublic ? undefined : ownerA);
            const token = first.json?.nextToken as string | undefined;
            if (token) await probe(`${ownerA.label}'s token`, token);
          },
          ...Object.entries(forged).map(([what, value]) => () => probe(what, Buffer.from(JSON.stringify(value)).toString('base64url'))),
        ];
      });
    });
    await inPool(concurrency, tasks);
  }, 120_000);

  it.each(paged.map((r) => r.key))("%s: a token is followed within the caller's own listing, or refused (400); never a 5xx, never another organisation's data", (key) => {
    const mine = found.filter((f) => f.route === key);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((f) => f.problems.length).map((f) => `${f.what} as ${f.caller}: ${f.problems.join('; ')}`)).toEqual([]);
  });
});
