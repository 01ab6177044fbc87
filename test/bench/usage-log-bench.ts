/**
 * The usage log (`npm run bench`, issue 19), side by side with the hash chain it replaced, in one run:
 * - appends of one department's entries at 8 concurrent clients straight to the table: the chain's way (read the
 *   last link, then the entry and the next link in one transaction on condition the position is free; the loser
 *   reads again) against the tree's (one PutItem, the sequencer integrates later): p50, p99, requests per entry;
 * - a log of N entries (1,000,000 by default, BENCH_LOG_ENTRIES) generated straight into DynamoDB Local as the
 *   sequencer writes it (every complete subtree, the head and its frontier), then real checks on top through the API,
 *   the sequencer, and their receipts: time, DynamoDB requests and subtrees read per receipt against 2·log2(n);
 * - the chain's receipt at its own size (it re-read and re-hashed the whole chain), for the comparison.
 */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { usageKeys } from '../../shared/storage/keys.ts';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { integrate, leafHash, verifyInclusion, type Frontier, type Hash } from '../../shared/usage-log/merkle-tree.ts';
import { blockObject, blockObjectKey } from '../../shared/usage-log/archived-blocks.ts';
import { proveInclusion, readLogHead } from '../../shared/usage-log/log-store.ts';
import { defaultBlockLevel } from '../../shared/usage-log/retention.ts';
import { verifyReceipt, type Receipt } from '../../shared/usage-log/tree-head.ts';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Args {
  dynamo: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  bucket: string;
  apiUrl: string;
  token: (role: 'department', orgId: string) => Promise<string>;
  invoke: (name: string) => Promise<unknown>;
  countRequests: () => number;
  subjectId: string;
  /** The log generated for the receipts. */
  logEntries: number;
  /** Entries appended each way at 8 concurrent clients, and the chain's length for its receipt. */
  appends: number;
  now: () => Date;
}

/** Today's chain, as it appended (the code it replaced, kept here as the baseline): read the last link, write entry + link. */
async function chainAppend(args: Args, orgId: string, i: number, counter: { requests: number }): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    counter.requests += 1;
    const last = (await args.dynamo.send(new QueryCommand({ TableName: args.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `BENCHCHAIN#${orgId}` }, ScanIndexForward: false, Limit: 1, ConsistentRead: true }))).Items?.[0];
    const seq = ((last?.seq as number | undefined) ?? 0) + 1;
    const contentHash = sha(`entry ${i}`);
    const hash = sha(`${(last?.hash as string | undefined) ?? '0'.repeat(64)}\n${seq}\ncheck\n${i}\n${contentHash}`);
    try {
      counter.requests += 1;
      await args.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: args.table, Item: { pk: `BENCHCHAINENTRY#${orgId}#${i}`, sk: 'CHECK', filler: 'x'.repeat(1500) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: args.table, Item: { pk: `BENCHCHAIN#${orgId}`, sk: `SEQ#${String(seq).padStart(12, '0')}`, seq, hash, contentHash }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || attempt > 40) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5))));
    }
  }
}

/** The tree's append: the entry with its mark and sparse index key, one PutItem. */
async function treeAppend(args: Args, orgId: string, i: number, counter: { requests: number }): Promise<void> {
  counter.requests += 1;
  const at = new Date(args.now().getTime() + i).toISOString();
  await args.dynamo.send(
    new PutCommand({
      TableName: args.table,
      Item: { pk: `BENCHTREEENTRY#${orgId}#${i}`, sk: 'CHECK', filler: 'x'.repeat(1500), gsi3pk: `BENCHUNSEQ#${i % 16}`, gsi3sk: `${at}#${i}`, log: { org: orgId, entryId: String(i), leaf: sha(`entry ${i}`) } },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

async function concurrently(n: number, append: (i: number, counter: { requests: number }) => Promise<void>) {
  const times: number[] = [];
  const counter = { requests: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await append(i, counter);
      times.push(performance.now() - t);
    }
  }));
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: n / ((performance.now() - started) / 1000), requestsPerEntry: counter.requests / n };
}

/**
 * Writes a tree of `n` synthetic leaves as the sequencer and the retention would leave it: each whole block of 2^16
 * leaves as after the county's retention (its subtrees below level 16 in one S3 object, its item in the table), the
 * subtrees of level ≥ 16 and those of the last, partial block in the table, then the head with its frontier. A log
 * smaller than a block is all in the table.
 */
async function generateLog(args: Args, orgId: string, n: number): Promise<{ ms: number; archivedBlocks: number; tableItems: number }> {
  const started = performance.now();
  let frontier: Frontier = { size: 0, hashes: [] };
  let root: Hash = Buffer.alloc(32);
  const blockLeaves = 2 ** defaultBlockLevel;
  let archivedBlocks = 0;
  let tableItems = 0;
  for (let from = 0; from < n; from += blockLeaves) {
    const count = Math.min(blockLeaves, n - from);
    const leaves = Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`synthetic entry ${from + i}`)));
    const step = integrate(frontier, leaves);
    frontier = step.frontier;
    root = step.root;
    const whole = count === blockLeaves;
    const index = from / blockLeaves;
    const inTable = whole ? step.nodes.filter((node) => node.subtree.level >= defaultBlockLevel) : step.nodes;
    if (whole) {
      const levels = Array.from({ length: defaultBlockLevel }, (_, level) => Buffer.concat(step.nodes.filter((node) => node.subtree.level === level).sort((a, b) => a.subtree.index - b.subtree.index).map((node) => node.hash)));
      const key = blockObjectKey(orgId, defaultBlockLevel, index);
      await args.s3.send(new PutObjectCommand({ Bucket: args.bucket, Key: key, Body: blockObject(orgId, defaultBlockLevel, index, levels), ContentType: 'application/gzip' }));
      await args.dynamo.send(new PutCommand({ TableName: args.table, Item: { ...usageKeys.logBlock(orgId, defaultBlockLevel, index), orgId, level: defaultBlockLevel, index, key, archivedAt: args.now().toISOString(), deleted: true } }));
      archivedBlocks += 1;
    }
    tableItems += inTable.length;
    const requests: Record<string, unknown>[][] = [];
    for (let i = 0; i < inTable.length; i += 25)
      requests.push(inTable.slice(i, i + 25).map((node) => ({ PutRequest: { Item: { ...usageKeys.logNode(orgId, node.subtree.level, node.subtree.index), hash: node.hash.toString('hex') } } })));
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        let items: Record<string, unknown>[] | undefined = requests[next++]!;
        while (items?.length) {
          const result = await args.dynamo.send(new BatchWriteCommand({ RequestItems: { [args.table]: items as never } }));
          items = result.UnprocessedItems?.[args.table] as Record<string, unknown>[] | undefined;
        }
      }
    }));
  }
  const at = args.now().toISOString();
  await args.dynamo.send(new PutCommand({ TableName: args.table, Item: { ...usageKeys.logOfOrg(orgId), orgId, since: at } }));
  await args.dynamo.send(
    new PutCommand({ TableName: args.table, Item: { ...usageKeys.logHead(orgId), orgId, treeSize: n, rootHash: root.toString('hex'), frontier: frontier.hashes.map((h) => h.toString('hex')), integratedAt: at, lastBatch: { from: n, to: n } } }),
  );
  return { ms: performance.now() - started, archivedBlocks, tableItems };
}

export async function benchUsageLog(args: Args) {
  // 1. Appends at 8 concurrent clients of one department, each way.
  const chain = await concurrently(args.appends, (i, c) => chainAppend(args, 'dept-bench-chain', i, c));
  const tree = await concurrently(args.appends, (i, c) => treeAppend(args, 'dept-bench-tree', i, c));

  // The chain's receipt re-read the whole chain (and its checks) and re-hashed it: its reads alone, at its length.
  let t = performance.now();
  let links = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await args.dynamo.send(new QueryCommand({ TableName: args.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'BENCHCHAIN#dept-bench-chain' }, ConsistentRead: true, ExclusiveStartKey: startKey }));
    links += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const chainReceiptReadMs = performance.now() - t;

  // 2. A log of N entries, then real checks on top, sequenced and signed, and their receipts.
  const orgId = 'dept-bench-log';
  const generated = await generateLog(args, orgId, args.logEntries);
  const token = await args.token('department', orgId);
  const checkIds: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const answer = await fetch(`${args.apiUrl}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subjectId: args.subjectId, matter: { type: 'procurement', reference: `BENCH-LOG-${i}`, name: '基准采购' } }),
    });
    checkIds.push(((await answer.json()) as { checkId: string }).checkId);
  }
  t = performance.now();
  await args.invoke('sequence-usage-log');
  const sequenceMs = performance.now() - t;
  const receiptTimes: number[] = [];
  const receiptRequests: number[] = [];
  let subtreesRead = 0;
  let verified = true;
  let treeSize = 0;
  for (const checkId of checkIds) {
    const before = args.countRequests();
    t = performance.now();
    const answer = await fetch(`${args.apiUrl}/checks/${checkId}/receipt`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await answer.json()) as { entry: { status: string; receipt?: Receipt }; verification: { verified: boolean } };
    receiptTimes.push(performance.now() - t);
    receiptRequests.push(args.countRequests() - before);
    const receipt = body.entry.receipt;
    if (!receipt || !body.verification.verified) verified = false;
    else {
      subtreesRead = Math.max(subtreesRead, receipt.inclusionProof.length);
      treeSize = receipt.head.treeSize;
      if (verifyReceipt({ receipt, keys: [] }).some((p) => !p.includes('not a published key'))) verified = false;
    }
  }
  // An old entry's proof (leaf 12,345, in an archived block once the log passed a block): the store's own reads.
  const oldIndex = Math.min(12_345, args.logEntries - 1);
  t = performance.now();
  const old = await proveInclusion(orgId, oldIndex, treeSize);
  const oldProofMs = performance.now() - t;
  const oldProven = verifyInclusion({ leafIndex: oldIndex, treeSize, leaf: leafHash(Buffer.from(`synthetic entry ${oldIndex}`)), path: old.proof, root: Buffer.from((await readLogHead(orgId))!.rootHash, 'hex') });
  return { appends: args.appends, chain, tree, links, chainReceiptReadMs, logEntries: args.logEntries, generateMs: generated.ms, archivedBlocks: generated.archivedBlocks, tableItems: generated.tableItems, oldIndex, oldProofMs, oldProven, oldSubtrees: old.subtreesRead, sequenceMs, receiptTimes, receiptRequests, subtreesRead, treeSize, bound: 2 * Math.ceil(Math.log2(Math.max(2, treeSize))), verified };
}
