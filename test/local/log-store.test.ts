/**
 * The usage log's tree in DynamoDB Local (issue 19): batches integrated from the head alone, the head moved only by
 * the sequencer that read it, and inclusion proofs read from at most 2·log2(n) subtrees that verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables } from '../../local/dynamodb/create-tables.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb/start-dynamodb-local.ts';
import { usageTable } from '../../shared/storage/tables.ts';
import { generateKeyPairSync, sign } from 'node:crypto';
import { leafHash, rootOfLeaves, verifyInclusion } from '../../shared/usage-log/merkle-tree.ts';
import { verifyReceipt } from '../../shared/usage-log/tree-head.ts';

let local: DynamoDbLocal;
let store: typeof import('../../shared/usage-log/log-store.ts');

beforeAll(async () => {
  local = await startDynamoDbLocal({});
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: local.endpoint, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', [usageTable.envVar]: 'log-store-usage' });
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, [{ table: usageTable, name: 'log-store-usage' }]);
  client.destroy();
  store = await import('../../shared/usage-log/log-store.ts');
}, 60_000);
afterAll(async () => {
  await local?.stop();
});

describe('the usage log tree in DynamoDB', () => {
  it('integrates batches, proves every entry from at most 2·log2(n) subtrees, and never forks', async () => {
    const leaves = Array.from({ length: 100 }, (_, i) => leafHash(Buffer.from(`check ${i}`)));
    let head;
    for (const [from, to] of [[0, 1], [1, 9], [9, 40], [40, 100]] as const) head = await store.appendLeaves('dept-a', leaves.slice(from, to), '2026-12-07T01:00:00.000Z');
    expect(head).toMatchObject({ treeSize: 100, rootHash: rootOfLeaves(leaves).toString('hex') });
    for (const m of [0, 1, 37, 63, 64, 98, 99]) {
      const { proof, subtreesRead } = await store.proveInclusion('dept-a', m, 100);
      expect(subtreesRead).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)));
      expect(verifyInclusion({ leafIndex: m, treeSize: 100, leaf: leaves[m]!, path: proof, root: Buffer.from(head!.rootHash, 'hex') })).toBe(true);
    }
    // An older tree size is still provable from the same subtrees (a receipt against an older head).
    const older = await store.proveInclusion('dept-a', 5, 40);
    expect(verifyInclusion({ leafIndex: 5, treeSize: 40, leaf: leaves[5]!, path: older.proof, root: rootOfLeaves(leaves.slice(0, 40)) })).toBe(true);
  });

  it('two sequencers at once: one head moves, the other is told it lost', async () => {
    const a = Array.from({ length: 5 }, (_, i) => leafHash(Buffer.from(`a ${i}`)));
    const b = Array.from({ length: 5 }, (_, i) => leafHash(Buffer.from(`b ${i}`)));
    await store.appendLeaves('dept-b', [leafHash(Buffer.from('first'))], '2026-12-07T01:00:00.000Z');
    const results = await Promise.all([store.appendLeaves('dept-b', a, '2026-12-07T01:00:01.000Z'), store.appendLeaves('dept-b', b, '2026-12-07T01:00:01.000Z')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const head = (await store.readLogHead('dept-b'))!;
    expect(head.treeSize).toBe(6);
    // The subtrees are the winner's, every one: each entry proves against the head.
    const won = [leafHash(Buffer.from('first')), ...(results[0] ? a : b)];
    expect(head.rootHash).toBe(rootOfLeaves(won).toString('hex'));
    for (let m = 0; m < 6; m += 1) {
      const { proof } = await store.proveInclusion('dept-b', m, 6);
      expect(verifyInclusion({ leafIndex: m, treeSize: 6, leaf: won[m]!, path: proof, root: Buffer.from(head.rootHash, 'hex') })).toBe(true);
    }
    const leaf = await store.readSubtrees('dept-b', [{ level: 0, index: 3 }]);
    expect(leaf.hashOf({ level: 0, index: 3 }).equals(won[3]!)).toBe(true);
  });

  it('signs a head when the log grew or the last is older than the county’s minutes; a receipt verifies against it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = { keyId: 'k1', sign: async (d: Buffer) => sign('sha256', d, { key: privateKey, dsaEncoding: 'ieee-p1363' }) };
    const entries = Array.from({ length: 11 }, (_, i) => Buffer.from(`{"checkId":"chk_${i}"}`));
    await store.appendLeaves('dept-c', entries.map(leafHash), '2026-12-07T01:00:00.000Z');
    const at = (minutes: number) => new Date(Date.parse('2026-12-07T01:00:00.000Z') + minutes * 60_000);
    const first = await store.signHeadIfDue({ orgId: 'dept-c', logId: 'jiaxian-usage', now: at(0), everyMinutes: 10, signer });
    expect(first).toMatchObject({ treeSize: 11 });
    expect(await store.signHeadIfDue({ orgId: 'dept-c', logId: 'jiaxian-usage', now: at(5), everyMinutes: 10, signer })).toBeUndefined();
    expect(await store.signHeadIfDue({ orgId: 'dept-c', logId: 'jiaxian-usage', now: at(10), everyMinutes: 10, signer })).toMatchObject({ treeSize: 11 });
    expect((await store.listSignedHeads('dept-c', 10)).map((h) => h.timestamp)).toEqual([at(10).toISOString(), at(0).toISOString()]);
    const { proof } = await store.proveInclusion('dept-c', 4, 11);
    const receipt = { entry: entries[4]!.toString('base64'), leafIndex: 4, inclusionProof: proof.map((h) => h.toString('hex')), head: first! };
    expect(verifyReceipt({ receipt, keys: [{ keyId: 'k1', jwk: publicKey.export({ format: 'jwk' }) }] })).toEqual([]);
  });

  it('an entry goes into the tree once, even when the sequencer died before marking it', async () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({ entryId: `chk_${i}`, bytes: Buffer.from(`{"checkId":"chk_${i}"}`) }));
    const first = await store.sequenceEntries('dept-d', entries.slice(0, 3), '2026-12-07T01:00:00.000Z');
    expect([...first!.entries()]).toEqual([['chk_0', 0], ['chk_1', 1], ['chk_2', 2]]);
    // The marks were lost: the same entries come again with a new one; those already in keep their index.
    const again = await store.sequenceEntries('dept-d', entries, '2026-12-07T01:00:05.000Z');
    expect([...again!.entries()]).toEqual([['chk_0', 0], ['chk_1', 1], ['chk_2', 2], ['chk_3', 3]]);
    const head = (await store.readLogHead('dept-d'))!;
    expect(head).toMatchObject({ treeSize: 4, lastBatch: { from: 3, to: 4 }, rootHash: rootOfLeaves(entries.map((e) => leafHash(e.bytes))).toString('hex') });
  });
});

