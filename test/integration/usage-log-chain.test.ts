import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usageKeys } from '../../shared/storage/keys.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { genesisHash } from '../../shared/checks/chain-link.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

// Issue 7: each department's usage log is hash-chained; the receipt of a check recomputes the chain, and an
// entry edited or deleted directly in the table is named with its position.
const county = loadCounty('jiaxian');
const first17 = `91${county.divisionCode}MC8000001`;
const company = first17 + usccCheckCharacter(first17);

let platform: LocalPlatform;
let dynamo: DynamoDBDocumentClient;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers?: Record<string, string>) => callApi(platform, method, path, role, orgId, body, headers);
const check = async (orgId: string, reference: string, headers?: Record<string, string>) => {
  const answer = await call('POST', '/checks', 'department', orgId, { subjectId: company, matter: { type: 'procurement', reference, name: '办公设备采购' } }, headers);
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return answer.body.checkId as string;
};
const recordOutcome = async (orgId: string, checkId: string, decision: string) => {
  const answer = await call('PUT', `/checks/${checkId}/outcome`, 'department', orgId, { usage: '查询到相关记录', decision });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
};
const receipt = (checkId: string, role: Role, orgId: string) => call('GET', `/checks/${checkId}/receipt`, role, orgId);
const links = async (orgId: string) =>
  (await dynamo.send(new QueryCommand({ TableName: platform.names.usageTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': usageKeys.chainPartition(orgId) }, ConsistentRead: true }))).Items ?? [];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'usage-chain-it');
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
});
afterAll(async () => {
  dynamo?.destroy();
  await platform?.stop();
});

describe('the hash-chained usage log', () => {
  it('chains each check and each outcome revision; the receipt gives the position and verifies the chain', async () => {
    const a = await check('dept-finance', 'ZC-CHAIN-1');
    const b = await check('dept-finance', 'ZC-CHAIN-2');
    await recordOutcome('dept-finance', b, 'approved');
    await recordOutcome('dept-finance', b, 'rejected');
    await check('dept-finance', 'ZC-CHAIN-3');

    const first = await receipt(a, 'department', 'dept-finance');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      checkId: a,
      organisation: 'dept-finance',
      status: 'chained',
      chain: { position: 1, prevHash: genesisHash },
      head: { position: 5 },
      verification: { verified: true, entriesChecked: 5, problems: [] },
      check: { checkId: a, matter: { reference: 'ZC-CHAIN-1' } },
    });
    expect(first.body.check).not.toHaveProperty('chainPosition');
    const second = await receipt(b, 'creditOffice', 'credit-office');
    expect(second.body).toMatchObject({ chain: { position: 2, prevHash: first.body.chain.hash }, check: { outcome: { decision: 'rejected' }, outcomeRevision: 2 } });
    expect((await links('dept-finance')).map((l) => [l.seq, l.kind])).toEqual([[1, 'check'], [2, 'check'], [3, 'outcome'], [4, 'outcome'], [5, 'check']]);

    // Who may see the check decides who may see its receipt: another department gets 404, a subject 403.
    expect((await receipt(a, 'department', 'dept-housing')).status).toBe(404);
    expect((await receipt(a, 'subject', company)).status).toBe(403);
  });

  it('names a check edited in the table, and an outcome edited in the table, with their positions', async () => {
    const org = 'dept-tax';
    const [c1, c2, c3] = [await check(org, 'ZC-EDIT-1'), await check(org, 'ZC-EDIT-2'), await check(org, 'ZC-EDIT-3')];
    await recordOutcome(org, c1, 'approved'); // position 4
    expect((await receipt(c3, 'department', org)).body.verification.verified).toBe(true);

    await dynamo.send(new UpdateCommand({ TableName: platform.names.usageTable, Key: usageKeys.check(c2), UpdateExpression: 'SET matter.#n = :name', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':name': '另一个事项' } }));
    const edited = await receipt(c3, 'department', org);
    expect(edited.status).toBe(200);
    expect(edited.body.verification).toMatchObject({ verified: false, entriesChecked: 4, problems: [{ position: 2, checkId: c2, problem: 'content-mismatch' }] });

    await dynamo.send(new UpdateCommand({ TableName: platform.names.usageTable, Key: usageKeys.check(c1), UpdateExpression: 'SET outcome.decision = :d', ExpressionAttributeValues: { ':d': 'rejected' } }));
    const both = await receipt(c1, 'creditOffice', 'credit-office');
    expect(both.body.verification.problems).toEqual([
      { position: 2, checkId: c2, problem: 'content-mismatch', detail: expect.any(String) },
      { position: 4, checkId: c1, problem: 'outcome-mismatch', detail: expect.any(String) },
    ]);
  });

  it('names a check deleted from the table, and a link deleted from the table, with their positions', async () => {
    const org = 'dept-market';
    const ids = [await check(org, 'ZC-DEL-1'), await check(org, 'ZC-DEL-2'), await check(org, 'ZC-DEL-3'), await check(org, 'ZC-DEL-4')];
    await dynamo.send(new DeleteCommand({ TableName: platform.names.usageTable, Key: usageKeys.check(ids[1]!) }));
    const deleted = await receipt(ids[2]!, 'department', org);
    expect(deleted.status).toBe(200);
    expect(deleted.body.verification).toMatchObject({ verified: false, problems: [{ position: 2, checkId: ids[1], problem: 'entry-missing' }] });
    expect((await receipt(ids[1]!, 'department', org)).status).toBe(404);

    await dynamo.send(new DeleteCommand({ TableName: platform.names.usageTable, Key: usageKeys.chainLink(org, 3) }));
    const gap = await receipt(ids[3]!, 'department', org);
    expect(gap.body.verification.problems).toEqual([
      { position: 2, checkId: ids[1], problem: 'entry-missing', detail: expect.any(String) },
      { position: 3, problem: 'gap', detail: 'position 3 is missing' },
    ]);
    // The check whose link is gone says where it was logged.
    const lost = await receipt(ids[2]!, 'department', org);
    expect(lost.body).toMatchObject({ status: 'unchained', chain: null });
    expect(lost.body.verification.problems).toContainEqual({ position: 3, checkId: ids[2], problem: 'link-missing', detail: expect.any(String) });
  });

  it('keeps one chain without forks when a department runs 20 checks at once, and a repeated check adds no link', async () => {
    const org = 'dept-concurrent';
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => check(org, `ZC-CONC-${i}`)));
    const repeated = await Promise.all(Array.from({ length: 4 }, () => check(org, 'ZC-CONC-same', { 'idempotency-key': 'concurrent-same' })));
    expect(new Set(repeated).size).toBe(1);

    const stored = await links(org);
    expect(stored.map((l) => l.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(stored.map((l) => l.checkId))).toEqual(new Set([...ids, repeated[0]]));
    const verified = await receipt(ids[0]!, 'department', org);
    expect(verified.body.verification).toMatchObject({ verified: true, entriesChecked: 21, problems: [] });
    expect(verified.body.head.position).toBe(21);
  });

  it('says a check logged before its department’s chain began is unchained, and verifies what there is', async () => {
    const org = 'dept-legacy';
    const legacyId = 'chk_LEGACY0000000000000001';
    await dynamo.send(
      new PutCommand({
        TableName: platform.names.usageTable,
        Item: {
          ...usageKeys.check(legacyId),
          ...usageKeys.checksByDepartment(org, '2026-01-05', '2026-01-05T02:00:00.000Z', legacyId),
          checkId: legacyId,
          checkedAt: '2026-01-05T02:00:00.000Z',
          checkedOn: '2026-01-05',
          departmentOrgId: org,
          userId: 'old-user',
          subject: { id: company, type: 'uscc', name: null, known: false },
          matter: { type: 'procurement', typeName: '政府采购', reference: 'OLD-1', name: '旧事项' },
          records: [],
          lists: { redListed: false, blackListed: false, dishonestDebtor: false },
          measures: [],
          reports: [],
          outcome: null,
        },
      }),
    );
    expect((await receipt(legacyId, 'department', org)).body).toMatchObject({ status: 'unchained', chain: null, head: null, verification: { verified: true, entriesChecked: 0 } });
    // Its first chained outcome revision is a link of the chain.
    await recordOutcome(org, legacyId, 'approved');
    expect((await receipt(legacyId, 'department', org)).body).toMatchObject({ status: 'unchained', head: { position: 1 }, verification: { verified: true, entriesChecked: 1 } });
  });

  it('replays events/get-check-receipt.json: the receipt of the first demo check (dept-finance, Idempotency-Key demo-check-1)', async () => {
    // The sample names the demo's first check, so it replays on any platform with the demo data, in any order.
    const demoCheck = await check('dept-finance', 'ZC-DEMO-01', { 'idempotency-key': 'demo-check-1' });
    const event = readFileSync(new URL('../../events/get-check-receipt.json', import.meta.url), 'utf8');
    expect(event).toContain(demoCheck);
    const answer = (await platform.invoke('get-check-receipt', { event: JSON.parse(event) })) as { statusCode: number; body: string };
    expect(answer.statusCode, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'chained', verification: { verified: true } });
  });
});
