/**
 * Machine clients (issue 16): a department's system registered by the credit office gets tokens with OAuth 2.0
 * client credentials from the machine API's token endpoint, and with nothing else runs a batch check of 50
 * bidders; the usage list shows 50 rows attributed to that system; a bad code is answered alone; scopes,
 * rotation and revocation hold. Against the local platform (DynamoDB Local, the S3 emulator, the same handlers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

const county = loadCounty('jiaxian');
const uscc = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
const bidders = Array.from({ length: 49 }, (_, i) => uscc(`MA${String(1000000 + i)}`));
const personFirst17 = `${county.divisionCode}19850202123`;
const person = personFirst17 + residentIdCheckDigit(personFirst17);
const badCode = `91${county.divisionCode}MA10000009`; // 18 characters, wrong check character
const procurement = county.matterTypes.find((m) => m.id === 'procurement')!;

let platform: LocalPlatform;
let today: string;
const office = (method: string, path: string, body?: unknown) => callApi(platform, method, path, 'creditOffice', 'credit-office', body);

/** A form-encoded request to the machine API's token endpoint. */
async function tokenRequest(form: Record<string, string>, basic?: [string, string]) {
  const response = await fetch(`${platform.machineApiUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString('base64')}` } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** A call to the machine API with a bearer token, JSON both ways. */
async function machine(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.machineApiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') ? ((await response.json()) as any) : Buffer.from(await response.arrayBuffer()) };
}

let client: { clientId: string; clientSecret: string; tokenEndpoint: string };

beforeAll(async () => {
  platform = await startTestPlatform(county, 'machine-clients-it');
  today = localDate(platform.clock.now(), county.timeZone);
  expect((await office('POST', '/departments', { orgId: 'dept-finance', name: '郏县财政局' })).status).toBe(201);
  // One bidder has a penalty in force, so its check offers the catalog's punishments.
  const pushed = await callApi(platform, 'POST', '/records', 'department', 'dept-finance', {
    kind: 'penalty',
    subject: { name: '郏县投标一号有限公司', category: 'legalPerson', uscc: bidders[0], legalRepresentative: '王五' },
    decisionNumber: '郏财罚〔2026〕1号',
    decisionDate: addDays(today, -5),
    authority: { name: '郏县财政局', uscc: uscc('MB0000002') },
    sourceDepartment: '郏县财政局',
    violationType: '政府采购违法',
    facts: '提供虚假材料谋取中标',
    legalBasis: '《政府采购法》第七十七条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款人民币五千元',
    fineAmountYuan: 5000,
  });
  expect(pushed.status).toBe(201);
});
afterAll(() => platform?.stop());

describe('the credit office registers a system', () => {
  it('registers a client of a registered department and answers its secret once; the list never shows it', async () => {
    const registered = await office('POST', '/machine-clients', { departmentOrgId: 'dept-finance', name: '公共资源交易系统', scopes: ['checks:run', 'checks:outcome'] });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ departmentOrgId: 'dept-finance', name: '公共资源交易系统', scopes: ['checks:run', 'checks:outcome'], state: 'active', rotations: 0 });
    expect(registered.body.clientId).toMatch(/^mc_[A-Za-z0-9_-]{16}$/);
    expect(registered.body.clientSecret).toMatch(/^mcs_[A-Za-z0-9_-]{43}$/);
    expect(registered.body.tokenEndpoint).toBe(`${platform.machineApiUrl}/oauth2/token`);
    client = registered.body;

    const listed = await office('GET', '/machine-clients');
    expect(listed.status).toBe(200);
    expect(listed.body.clients).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(client.clientSecret);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|secretSalt/);
    const own = await callApi(platform, 'GET', '/machine-clients', 'department', 'dept-finance');
    expect(own.body.clients.map((c: any) => c.clientId)).toEqual([client.clientId]);
    expect((await callApi(platform, 'GET', '/machine-clients', 'department', 'dept-market')).body.clients).toEqual([]);
  });

  it('refuses an unregistered department, an unknown scope, and anyone but the credit office', async () => {
    const unknownDept = await office('POST', '/machine-clients', { departmentOrgId: 'dept-nowhere', name: '某系统', scopes: ['checks:run'] });
    expect(unknownDept.status).toBe(409);
    expect(unknownDept.body.error.field).toBe('body.departmentOrgId');
    const badScope = await office('POST', '/machine-clients', { departmentOrgId: 'dept-finance', name: '某系统', scopes: ['admin'] });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error.field).toBe('body.scopes.0');
    const asDept = await callApi(platform, 'POST', '/machine-clients', 'department', 'dept-finance', { departmentOrgId: 'dept-finance', name: '某系统', scopes: ['checks:run'] });
    expect(asDept.status).toBe(403);
  });
});

describe('the token endpoint (client credentials)', () => {
  it('issues a bearer token for HTTP Basic and for client_secret_post, with the scopes asked for among the client’s', async () => {
    const basic = await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, client.clientSecret]);
    expect(basic.status).toBe(200);
    expect(basic.headers.get('cache-control')).toBe('no-store');
    expect(basic.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'checks:run checks:outcome' });
    const claims = JSON.parse(Buffer.from(basic.body.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: platform.machineApiUrl, sub: client.clientId, client_id: client.clientId, client_name: '公共资源交易系统', 'custom:role': 'department', 'custom:orgId': 'dept-finance', 'custom:county': county.id });

    const post = await tokenRequest({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'checks:run' });
    expect(post.status).toBe(200);
    expect(post.body.scope).toBe('checks:run');
  });

  it('answers RFC 6749 errors: invalid_client (401), unsupported_grant_type, invalid_scope, invalid_request', async () => {
    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, `${client.clientSecret.slice(0, -1)}x`]);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await tokenRequest({ grant_type: 'password' }, [client.clientId, client.clientSecret])).body.error).toBe('unsupported_grant_type');
    const notGranted = await tokenRequest({ grant_type: 'client_credentials', scope: 'records:write' }, [client.clientId, client.clientSecret]);
    expect(notGranted.status).toBe(400);
    expect(notGranted.body.error).toBe('invalid_scope');
    const both = await tokenRequest({ grant_type: 'client_credentials', client_secret: client.clientSecret }, [client.clientId, client.clientSecret]);
    expect(both.body.error).toBe('invalid_request');
    const json = await fetch(`${platform.machineApiUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as any).error).toBe('invalid_request');
  });

  it('publishes the issuer metadata and the key the gateway verifies tokens with', async () => {
    const metadata = (await (await fetch(`${platform.machineApiUrl}/.well-known/openid-configuration`)).json()) as any;
    expect(metadata).toMatchObject({ issuer: platform.machineApiUrl, token_endpoint: `${platform.machineApiUrl}/oauth2/token`, grant_types_supported: ['client_credentials'] });
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as any;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe('a tender checked by the system alone', () => {
  let token: string;
  const subjects = [...bidders.map((subjectId, i) => ({ subjectId, reference: `B${i + 1}` })), { subjectId: person, reference: 'B50' }];

  beforeAll(async () => {
    token = (await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, client.clientSecret])).body.access_token;
  });

  it('runs a batch of 50 subjects: 50 logged checks, each with its receipt; a bad code answered alone', async () => {
    const batch = await machine('POST', '/checks/batch', token, { matter: { type: procurement.id, reference: 'ZB-2026-017', name: '郏县一中食堂改造工程招标' }, subjects: [...subjects, { subjectId: badCode, reference: 'B51' }] }, { 'idempotency-key': 'tender-ZB-2026-017' });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ count: 51, succeeded: 50, failed: 1 });
    const bad = batch.body.results[50];
    expect(bad).toMatchObject({ index: 50, reference: 'B51', ok: false, error: { code: 'VALIDATION_FAILED', field: 'body.subjects.50.subjectId' } });
    const checks = batch.body.results.filter((r: any) => r.ok);
    expect(new Set(checks.map((r: any) => r.check.checkId)).size).toBe(50);
    for (const r of checks) expect(r.check.system).toEqual({ clientId: client.clientId, name: '公共资源交易系统' });
    // The penalised bidder's receipt shows its penalty in force; a bidder the platform does not know has none; the person's code is masked.
    expect(checks[0].check.records).toHaveLength(1);
    expect(checks[0].check.records[0].decisionNumber).toBe('郏财罚〔2026〕1号');
    expect(checks[1].check.records).toEqual([]);
    expect(checks[1].check.subject.known).toBe(false);
    expect(checks[49].check.subject.id).not.toBe(person);
    expect(JSON.stringify(batch.body)).not.toContain(person);
  });

  it('is idempotent per item: the same batch again answers the same checks and logs none twice; a retry fills a missing item', async () => {
    const again = await machine('POST', '/checks/batch', token, { matter: { type: procurement.id, reference: 'ZB-2026-017', name: '郏县一中食堂改造工程招标' }, subjects: [...subjects, { subjectId: badCode }] }, { 'idempotency-key': 'tender-ZB-2026-017' });
    expect(again.status).toBe(200);
    expect(again.body.results.filter((r: any) => r.ok && r.repeated)).toHaveLength(50);
    const list = await callApi(platform, 'GET', `/usage-lists/${localDate(platform.clock.now(), county.timeZone).slice(0, 7)}`, 'department', 'dept-finance');
    expect(list.status).toBe(200);
    const rows = list.body.rows.filter((r: any) => r.matter.includes('ZB-2026-017'));
    expect(rows).toHaveLength(50);
    for (const r of rows) {
      expect(r.system).toBe('公共资源交易系统');
      expect(r.matter).toContain('经办系统 公共资源交易系统');
    }

    // A retry that carries an item the first copy lacked runs that item only.
    const matter = { type: procurement.id, reference: 'ZB-2026-018', name: '郏县二中操场工程招标' };
    const first = await machine('POST', '/checks/batch', token, { matter, subjects: subjects.slice(0, 2) }, { 'idempotency-key': 'tender-ZB-2026-018' });
    const retry = await machine('POST', '/checks/batch', token, { matter, subjects: subjects.slice(0, 3) }, { 'idempotency-key': 'tender-ZB-2026-018' });
    expect(retry.body.results.map((r: any) => r.repeated)).toEqual([true, true, false]);
    expect(retry.body.results[1].check.checkId).toBe(first.body.results[1].check.checkId);
  });

  it('refuses a batch without an Idempotency-Key, one above the county limit, and a subject twice', async () => {
    const matter = { type: procurement.id, reference: 'ZB-X', name: '测试' };
    const noKey = await machine('POST', '/checks/batch', token, { matter, subjects: [{ subjectId: bidders[1] }] });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.field).toBe('headers.idempotency-key');
    const tooMany = await machine('POST', '/checks/batch', token, { matter, subjects: Array.from({ length: county.api.batchCheck.maxSubjects + 1 }, () => ({ subjectId: bidders[1] })) }, { 'idempotency-key': 'too-many' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('body.subjects');
    const twice = await machine('POST', '/checks/batch', token, { matter, subjects: [{ subjectId: bidders[2] }, { subjectId: bidders[2]!.toLowerCase() }] }, { 'idempotency-key': 'twice' });
    expect(twice.status).toBe(200);
    expect(twice.body.results[1]).toMatchObject({ ok: false, error: { code: 'DUPLICATE_SUBJECT' } });
  });

  it('answers the results as a workbook with ?format=xlsx, one row per item, without logging again', async () => {
    const xlsx = await machine('POST', '/checks/batch?format=xlsx', token, { matter: { type: procurement.id, reference: 'ZB-2026-017', name: '郏县一中食堂改造工程招标' }, subjects: [...subjects, { subjectId: badCode }] }, { 'idempotency-key': 'tender-ZB-2026-017' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).getCell(1).text).toBe('序号');
    expect(sheet.rowCount).toBe(3 + 51);
    expect(sheet.getRow(4).getCell(6).text).toBe('无');
    expect(sheet.getRow(54).getCell(9).text).toContain('未核查');
    const all = sheet.getSheetValues().flat().join(' ');
    expect(all).not.toContain(person);
  });

  it('records an outcome as the system; scopes limit it: a token without records:write cannot push records', async () => {
    const batch = await machine('POST', '/checks/batch', token, { matter: { type: procurement.id, reference: 'ZB-2026-017', name: '郏县一中食堂改造工程招标' }, subjects: [{ subjectId: bidders[0] }] }, { 'idempotency-key': 'tender-ZB-2026-017' });
    const checkId: string = batch.body.results[0]!.check.checkId;
    const outcome = await machine('PUT', `/checks/${checkId}/outcome`, token, { usage: '投标人存在行政处罚记录，已在评审中考虑', appliedMeasures: [], decision: 'approvedWithConditions' });
    expect(outcome.status).toBe(200);
    expect(outcome.body.outcome.recordedBySystem).toEqual({ clientId: client.clientId, name: '公共资源交易系统' });

    const push = await machine('POST', '/records', token, { records: [] });
    expect(push.status).toBe(403);
    const people = await fetch(`${platform.apiUrl}/checks`, { headers: { authorization: `Bearer ${token}` } });
    expect(people.status).toBe(401);
  });

  it('"who looked at me" names the system', async () => {
    const looks = await callApi(platform, 'GET', '/me/checks', 'subject', bidders[3]);
    expect(looks.status).toBe(200);
    expect(looks.body.checks[0].by).toMatchObject({ orgId: 'dept-finance', role: 'department', system: '公共资源交易系统' });
  });
});

describe('rotation and revocation', () => {
  it('a rotated secret replaces the old one at once', async () => {
    const rotated = await office('POST', `/machine-clients/${client.clientId}/secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.rotations).toBe(1);
    expect(rotated.body.clientSecret).not.toBe(client.clientSecret);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, client.clientSecret])).status).toBe(401);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, rotated.body.clientSecret])).status).toBe(200);
    client = { ...client, clientSecret: rotated.body.clientSecret };
  });

  it('a revoked client gets no token, and its token is refused', async () => {
    const token = (await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, client.clientSecret])).body.access_token;
    const matter = { type: procurement.id, reference: 'ZB-R', name: '撤销前' };
    expect((await machine('POST', '/checks', token, { subjectId: bidders[5], matter })).status).toBe(201);
    const revoked = await office('POST', `/machine-clients/${client.clientId}/revoke`, { reason: '系统停用' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedReason: '系统停用' });
    expect((await office('POST', `/machine-clients/${client.clientId}/revoke`, { reason: '再次' })).body.revokedReason).toBe('系统停用');
    const refused = await tokenRequest({ grant_type: 'client_credentials' }, [client.clientId, client.clientSecret]);
    expect(refused.status).toBe(401);
    expect(refused.body.error_description).toContain('revoked');
    // The local runtime runs every function in one process: the revocation's own process forgot the client at once.
    const after = await machine('POST', '/checks', token, { subjectId: bidders[5], matter });
    expect(after.status).toBe(401);
    expect((await office('POST', `/machine-clients/${client.clientId}/secret`)).status).toBe(409);
  });
});
