import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usageKeys } from '../../shared/storage/keys.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { logSignerFromEnv } from '../../shared/usage-log/log-signer.ts';
import { archiveDueBlock } from '../../shared/usage-log/retention.ts';
import { blockObjectKey } from '../../shared/usage-log/archived-blocks.ts';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { signWith, treeHeadText, verifyPromise, verifyReceipt, type Receipt, type Signed, type TreeHead } from '../../shared/usage-log/tree-head.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { callApi, startTestPlatform } from '../support/platform-api.ts';

// Issue 19: each organisation's usage log is an append-only Merkle tree (RFC 9162). A check answers with a signed
// promise; the sequencer integrates it and signs the head; the receipt proves it against a public signed head and
// verifies offline from the published key alone. Entries edited, deleted or moved in the table, and a fork, are found.
const county = loadCounty('jiaxian');
const first17 = `91${county.divisionCode}MC8000001`;
const company = first17 + usccCheckCharacter(first17);

let platform: LocalPlatform;
let dynamo: DynamoDBDocumentClient;
let keys: { keyId: string; jwk: Record<string, unknown> }[];
let jwks: unknown;

const call = (method: string, path: string, role: Role, orgId: string, body?: unknown, headers?: Record<string, string>) => callApi(platform, method, path, role, orgId, body, headers);
const publicGet = async (path: string) => {
  const answer = await fetch(`${platform.apiUrl}${path}`);
  return { status: answer.status, body: (await answer.json()) as Record<string, any> };
};
const check = async (orgId: string, reference: string, headers?: Record<string, string>) => {
  const answer = await call('POST', '/checks', 'department', orgId, { subjectId: company, matter: { type: 'procurement', reference, name: '办公设备采购' } }, headers);
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return answer.body as { checkId: string; logPromise: Signed<{ logId: string; org: string; leafHash: string; timestamp: string }> };
};
const recordOutcome = async (orgId: string, checkId: string, decision: string) => {
  const answer = await call('PUT', `/checks/${checkId}/outcome`, 'department', orgId, { usage: '查询到相关记录', decision });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
};
const receipt = async (checkId: string, orgId: string) => {
  const answer = await call('GET', `/checks/${checkId}/receipt`, 'department', orgId);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Record<string, any>;
};
const sequence = () => platform.invoke('sequence-usage-log') as Promise<{ sequenced: number; headsSigned: number }>;
const leaves = async (orgId: string) =>
  (
    await dynamo.send(
      new QueryCommand({ TableName: platform.names.usageTable, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :leaf)', ExpressionAttributeValues: { ':pk': usageKeys.logHead(orgId).pk, ':leaf': 'N#00#' }, ConsistentRead: true }),
    )
  ).Items ?? [];

beforeAll(async () => {
  platform = await startTestPlatform(county, 'usage-log-it');
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: process.env.AWS_REGION }));
  const published = await publicGet('/public/usage-log');
  expect(published.status).toBe(200);
  jwks = { keys: published.body.keys };
  keys = (published.body.keys as { kid: string }[]).map(({ kid, ...jwk }) => ({ keyId: kid, jwk }));
});
afterAll(async () => {
  dynamo?.destroy();
  await platform?.stop();
});

describe('the usage log as a Merkle transparency log', () => {
  it('answers a check with a signed promise; the sequencer integrates it; its receipt verifies offline with the CLI from the published key alone', async () => {
    const org = 'dept-finance';
    const first = await check(org, 'ZC-TREE-1');
    expect(first.logPromise).toMatchObject({ logId: `usage-log:${county.id}`, org, leafHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verifyPromise(first.logPromise as never, keys[0]!.jwk as never)).toBe(true);

    const pending = await receipt(first.checkId, org);
    expect(pending).toMatchObject({ organisation: org, entry: { status: 'pending', promise: first.logPromise }, verification: { verified: true, problems: [] } });

    const run = await sequence();
    expect(run.sequenced).toBeGreaterThanOrEqual(1);
    const included = await receipt(first.checkId, org);
    expect(included.entry.status).toBe('included');
    expect(included.verification).toMatchObject({ verified: true, problems: [] });
    const proof = included.entry.receipt as Receipt;
    expect(JSON.parse(Buffer.from(proof.entry, 'base64').toString('utf8'))).toMatchObject({ entry: 'check-v1', check: { checkId: first.checkId, departmentOrgId: org } });
    // The promise was for exactly these bytes.
    expect(verifyReceipt({ receipt: proof, keys: keys as never })).toEqual([]);

    // The CLI, from files: the receipt and the published keys, nothing else.
    const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(proof));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
    const cli = await promisify(execFile)('node', ['--import', 'tsx', 'local/cli/verify-receipt.ts', join(dir, 'receipt.json'), '--keys', join(dir, 'jwks.json')], { cwd: process.cwd() });
    expect(cli.stdout).toContain('verified');
    // The same receipt with another entry's bytes does not verify (exit 1).
    const forged = { ...proof, entry: Buffer.from(readFileSync(join(dir, 'receipt.json'), 'utf8')).toString('base64') };
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    await expect(promisify(execFile)('node', ['--import', 'tsx', 'local/cli/verify-receipt.ts', join(dir, 'forged.json'), '--keys', join(dir, 'jwks.json')], { cwd: process.cwd() })).rejects.toMatchObject({ code: 1 });
  });

  it('logs each outcome revision as an entry; a later head extends a kept one by the public consistency proof', async () => {
    const org = 'dept-housing';
    const a = await check(org, 'ZC-TREE-2');
    await sequence();
    const kept = (await publicGet(`/public/usage-log/${org}/heads?limit=1`)).body.heads[0] as Signed<TreeHead>;
    expect(kept).toMatchObject({ org, treeSize: 1 });

    await recordOutcome(org, a.checkId, 'approved');
    await recordOutcome(org, a.checkId, 'rejected');
    const b = await check(org, 'ZC-TREE-3');
    await sequence();
    const latest = await receipt(b.checkId, org);
    expect(latest.entry).toMatchObject({ status: 'included', leafIndex: 3 });
    const withOutcome = await receipt(a.checkId, org);
    expect(withOutcome.outcome).toMatchObject({ revision: 2, status: 'included', leafIndex: 2 });
    expect(JSON.parse(Buffer.from(withOutcome.outcome.receipt.entry, 'base64').toString('utf8'))).toMatchObject({ entry: 'outcome-v1', revision: 2, outcome: { decision: 'rejected' } });
    expect(withOutcome.verification).toMatchObject({ verified: true, problems: [] });

    const head = latest.entry.receipt.head as Signed<TreeHead>;
    const consistency = await publicGet(`/public/usage-log/${org}/consistency?first=${kept.treeSize}&second=${head.treeSize}`);
    expect(consistency.status).toBe(200);
    expect(verifyReceipt({ receipt: latest.entry.receipt, keys: keys as never, kept: { head: kept, consistencyProof: consistency.body.consistencyProof } })).toEqual([]);
    // Any sizes up to the latest signed head's; beyond it, or in the wrong order, refused with what is wrong.
    const fromTwo = await publicGet(`/public/usage-log/${org}/consistency?first=2&second=${head.treeSize}`);
    expect(fromTwo.body).toMatchObject({ first: 2, second: head.treeSize, consistencyProof: expect.any(Array) });
    expect((await publicGet(`/public/usage-log/${org}/consistency?first=1&second=${head.treeSize + 1}`)).status).toBe(404);
    const reversed = await publicGet(`/public/usage-log/${org}/consistency?first=${head.treeSize}&second=1`);
    expect(reversed).toMatchObject({ status: 400, body: { error: { field: 'query.first' } } });
    const listed = await publicGet('/public/usage-log');
    expect(listed.body.logs).toContainEqual({ org, head: expect.objectContaining({ treeSize: head.treeSize }) });
  });

  it('puts concurrent checks of one department in the tree exactly once each; a repeated check adds nothing', async () => {
    const org = 'dept-transport';
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => check(org, `ZC-CONC-${i}`).then((c) => c.checkId)));
    const again = await check(org, 'ZC-CONC-IDEM', { 'idempotency-key': 'conc-1' });
    const repeated = await check(org, 'ZC-CONC-IDEM', { 'idempotency-key': 'conc-1' });
    expect(repeated.checkId).toBe(again.checkId);
    expect(repeated.logPromise).toEqual(again.logPromise);
    await sequence();
    await sequence(); // a second run finds nothing new
    const stored = await leaves(org);
    expect(stored).toHaveLength(21);
    expect(new Set(stored.map((l) => l.entryId))).toEqual(new Set([...ids, again.checkId]));
    for (const id of [ids[0]!, ids[19]!, again.checkId]) expect((await receipt(id, org)).verification.verified).toBe(true);
  });

  it('finds an entry edited, a leaf moved or deleted, an outcome changed in the table', async () => {
    const org = 'dept-education';
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await check(org, `ZC-TAMPER-${i}`)).checkId);
    await recordOutcome(org, ids[4]!, 'approved');
    await sequence();
    for (const id of ids) expect((await receipt(id, org)).verification.verified).toBe(true);

    // Edited: the check's matter no longer hashes to its leaf.
    await dynamo.send(new UpdateCommand({ TableName: platform.names.usageTable, Key: usageKeys.check(ids[1]!), UpdateExpression: 'SET matter.#r = :r', ExpressionAttributeNames: { '#r': 'reference' }, ExpressionAttributeValues: { ':r': 'ZC-FORGED' } }));
    const edited = (await receipt(ids[1]!, org)).verification;
    expect(edited.verified).toBe(false);
    expect(edited.problems).toContainEqual(expect.stringContaining('differs from the entry as logged'));
    expect(edited.problems).toContainEqual(expect.stringContaining('is not proven at 1'));
    // The others still verify: the proof of entry 3 does not pass through the edited check's bytes.
    expect((await receipt(ids[3]!, org)).verification.verified).toBe(true);

    // Moved: leaves 2 and 3 swapped; neither entry reaches the signed root any more.
    const leaf = async (i: number) => (await dynamo.send(new GetCommand({ TableName: platform.names.usageTable, Key: usageKeys.logNode(org, 0, i), ConsistentRead: true }))).Item!;
    const [two, three] = [await leaf(2), await leaf(3)];
    await dynamo.send(new PutCommand({ TableName: platform.names.usageTable, Item: { ...two, hash: three.hash, entryId: three.entryId } }));
    await dynamo.send(new PutCommand({ TableName: platform.names.usageTable, Item: { ...three, hash: two.hash, entryId: two.entryId } }));
    for (const id of [ids[2]!, ids[3]!]) expect((await receipt(id, org)).verification.problems).toContainEqual(expect.stringContaining('is not proven at'));

    // Deleted: leaf 0 gone; the entry at 1, whose proof starts with its sibling at 0, cannot be proven.
    await dynamo.send(new DeleteCommand({ TableName: platform.names.usageTable, Key: usageKeys.logNode(org, 0, 0) }));
    expect((await receipt(ids[1]!, org)).verification.problems).toContainEqual(expect.stringContaining('cannot prove'));

    // The outcome changed on the check without a logged revision.
    await dynamo.send(new UpdateCommand({ TableName: platform.names.usageTable, Key: usageKeys.check(ids[4]!), UpdateExpression: 'SET outcome.decision = :d', ExpressionAttributeValues: { ':d': 'rejected' } }));
    expect((await receipt(ids[4]!, org)).verification.problems).toContainEqual(expect.stringContaining('not its last logged revision'));
  });

  it('shows a fork: two signed heads of one size with different roots are found by a reader who kept one', async () => {
    const org = 'dept-civil';
    const a = await check(org, 'ZC-FORK-1');
    await sequence();
    const proof = (await receipt(a.checkId, org)).entry.receipt as Receipt;
    // The operator signs a second head of the same size over another tree, and serves it to someone else.
    const signer = await logSignerFromEnv();
    const forked = await signWith<TreeHead>({ ...proof.head, rootHash: 'f'.repeat(64), timestamp: new Date(Date.parse(proof.head.timestamp) + 1000).toISOString() }, treeHeadText, signer);
    await dynamo.send(new PutCommand({ TableName: platform.names.usageTable, Item: { ...usageKeys.signedLogHead(org, forked.treeSize, forked.timestamp), ...forked } }));
    // Both are on the public list; each verifies alone, but not against the other.
    const heads = (await publicGet(`/public/usage-log/${org}/heads`)).body.heads as Signed<TreeHead>[];
    expect(heads.filter((h) => h.treeSize === proof.head.treeSize).map((h) => h.rootHash).sort()).toEqual([proof.head.rootHash, 'f'.repeat(64)].sort());
    expect(verifyReceipt({ receipt: proof, keys: keys as never, kept: { head: forked, consistencyProof: [] } })).toContainEqual(expect.stringContaining('forked'));
    // The receipt the platform now serves is against the forked head: it no longer verifies.
    expect((await receipt(a.checkId, org)).verification.verified).toBe(false);
  });

  it('says a check logged before the log was a tree is unlogged, and proves its later outcome revisions', async () => {
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
          chainPosition: 7,
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
    expect(await receipt(legacyId, org)).toMatchObject({ entry: { status: 'unlogged' }, verification: { verified: true } });
    await recordOutcome(org, legacyId, 'approved');
    await sequence();
    expect(await receipt(legacyId, org)).toMatchObject({ entry: { status: 'unlogged' }, outcome: { revision: 1, status: 'included', leafIndex: 0 }, verification: { verified: true } });
  });

  it('moves whole old blocks of the tree to S3 after the retention; their entries stay provable, the table keeps the levels above', async () => {
    const org = 'dept-archive';
    const ids: string[] = [];
    for (let i = 0; i < 9; i += 1) ids.push((await check(org, `ZC-ARCHIVE-${i}`)).checkId);
    await sequence();
    const level = 2; // blocks of 4 leaves here; 65,536 on the platform
    const archive = (now: Date) => archiveDueBlock({ orgId: org, now, retentionDays: county.usageLog.retentionDays, level });
    // Not before the retention has passed since a signed head covered the block.
    expect(await archive(platform.clock.now())).toBeUndefined();
    const later = new Date(platform.clock.now().getTime() + (county.usageLog.retentionDays + 1) * 86_400_000);
    expect(await archive(later)).toMatchObject({ index: 0, deleted: true });
    expect(await archive(later)).toMatchObject({ index: 1, deleted: true });
    expect(await archive(later)).toBeUndefined(); // the third block is not whole (9 leaves)
    const nodes = (await dynamo.send(new QueryCommand({ TableName: platform.names.usageTable, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)', ExpressionAttributeValues: { ':pk': usageKeys.logHead(org).pk, ':n': 'N#' }, ConsistentRead: true }))).Items ?? [];
    // Left in the table: leaf 8 (its block is not whole) and the subtrees of level ≥ 2; leaves 0–7 and the four level-1 subtrees over them are in S3.
    expect(nodes.map((n) => n.sk).sort()).toEqual([usageKeys.logNode(org, 0, 8).sk, usageKeys.logNode(org, 2, 0).sk, usageKeys.logNode(org, 2, 1).sk, usageKeys.logNode(org, 3, 0).sk].sort());
    const s3 = new S3Client({ endpoint: platform.endpoints.s3, region: process.env.AWS_REGION, forcePathStyle: true });
    const object = await s3.send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: blockObjectKey(org, level, 0) }));
    s3.destroy();
    expect(object.ContentType).toBe('application/gzip');
    for (const id of [ids[0]!, ids[5]!, ids[8]!]) {
      const proven = await receipt(id, org);
      expect(proven.entry.status).toBe('included');
      expect(proven.verification).toMatchObject({ verified: true, problems: [] });
      expect(verifyReceipt({ receipt: proven.entry.receipt, keys: keys as never })).toEqual([]);
    }
  });

  it('replays events/get-check-receipt.json: the receipt of the first demo check (dept-finance, Idempotency-Key demo-check-1)', async () => {
    const demoCheck = await check('dept-finance', 'ZC-DEMO-01', { 'idempotency-key': 'demo-check-1' });
    const event = readFileSync(new URL('../../events/get-check-receipt.json', import.meta.url), 'utf8');
    expect(event).toContain(demoCheck.checkId);
    await sequence();
    const answer = (await platform.invoke('get-check-receipt', { event: JSON.parse(event) })) as { statusCode: number; body: string };
    expect(answer.statusCode, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ entry: { status: 'included' }, verification: { verified: true } });
  });
});
