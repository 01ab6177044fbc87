import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, batchPutItems } from '../storage/batch-items.ts';
import { queryAll } from '../storage/query-all.ts';
import { archivedSubtrees } from './archived-blocks.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys } from '../storage/keys.ts';
import { usageTable } from '../storage/tables.ts';
import { consistencyRanges, inclusionRanges, integrate, leafHash, proofFrom, subtreesOf, type Frontier, type Hash, type Subtree } from './merkle-tree.ts';
import { signWith, treeHeadText, type Signed, type TreeHead } from './tree-head.ts';

const table = () => tableName(usageTable);

/** An organisation's tree as the sequencer last committed it: its size, root and right edge. */
export interface LogHead {
  orgId: string;
  treeSize: number;
  rootHash: string;
  frontier: string[];
  integratedAt: string;
  /** The leaves the last batch added: what a run checks first (an entry of it may not be marked yet). */
  lastBatch?: { from: number; to: number };
}

export async function readLogHead(orgId: string): Promise<LogHead | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: usageKeys.logHead(orgId), ConsistentRead: true }));
  return result.Item as LogHead | undefined;
}

const frontierOf = (head: LogHead | undefined): Frontier => ({ size: head?.treeSize ?? 0, hashes: (head?.frontier ?? []).map((h) => Buffer.from(h, 'hex')) });

/**
 * Integrates a batch of leaf hashes at the end of an organisation's tree: the subtrees it completes written first
 * (BatchWriteItem, idempotent: a batch retried after a crash writes the same or overwrites what no head names), then
 * the head moved on condition that it is still the one read (a second sequencer loses; the tree never forks).
 * Answers the new head, or undefined when another sequencer moved it first.
 */
export async function appendLeaves(orgId: string, leaves: readonly Hash[], at: string, entryIds?: readonly string[]): Promise<LogHead | undefined> {
  // One sequencer writes an organisation's subtrees at a time: a second one's writes would overwrite the first's
  // subtrees of the same positions even though only one moves the head.
  const owner = randomUUID();
  if (!(await takeLease(orgId, owner, at))) return undefined;
  try {
    return await integrateHeld(orgId, leaves, at, entryIds);
  } finally {
    await dynamo.send(new DeleteCommand({ TableName: table(), Key: leaseKey(orgId), ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner } })).catch(() => undefined);
  }
}

const leaseKey = (orgId: string) => ({ pk: usageKeys.logHead(orgId).pk, sk: 'LEASE' });
/** Held for a minute at most: a sequencer that died frees it by itself. */
async function takeLease(orgId: string, owner: string, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...leaseKey(orgId), owner, until: new Date(Date.parse(at) + 60_000).toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function integrateHeld(orgId: string, leaves: readonly Hash[], at: string, entryIds?: readonly string[]): Promise<LogHead | undefined> {
  const head = await readLogHead(orgId);
  const step = integrate(frontierOf(head), leaves);
  await batchPutItems(
    table(),
    step.nodes.map((n) => ({
      ...usageKeys.logNode(orgId, n.subtree.level, n.subtree.index),
      hash: n.hash.toString('hex'),
      // A leaf names its entry: a run after a sequencer died between the head and the marks finds it here.
      ...(n.subtree.level === 0 && entryIds ? { entryId: entryIds[n.subtree.index - (head?.treeSize ?? 0)] } : {}),
    })),
  );
  const next: LogHead = {
    orgId,
    treeSize: step.frontier.size,
    rootHash: step.root.toString('hex'),
    frontier: step.frontier.hashes.map((h) => h.toString('hex')),
    integratedAt: at,
    lastBatch: { from: head?.treeSize ?? 0, to: step.frontier.size },
  };
  // The log's first head: the organisation joins the list of logs the signer and the public page read (again is harmless).
  if (!head) await dynamo.send(new PutCommand({ TableName: table(), Item: { ...usageKeys.logOfOrg(orgId), orgId, since: at } }));
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...usageKeys.logHead(orgId), ...next },
        ConditionExpression: head ? 'treeSize = :size' : 'attribute_not_exists(pk)',
        ...(head ? { ExpressionAttributeValues: { ':size': head.treeSize } } : {}),
      }),
    );
    return next;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * The hashes of complete subtrees, by one BatchGetItem per 100 (strongly consistent); those of blocks moved to S3
 * (retention.ts) from their block's object. Counts what it read.
 */
export async function readSubtrees(orgId: string, subtrees: readonly Subtree[]): Promise<{ hashOf: (t: Subtree) => Hash; read: number }> {
  const found = new Map<string, Hash>();
  const items = await batchGetItems(table(), subtrees.map((t) => usageKeys.logNode(orgId, t.level, t.index)), { consistentRead: true });
  for (const item of items) found.set(item.sk as string, Buffer.from(item.hash as string, 'hex'));
  const missing = subtrees.filter((t) => !found.has(usageKeys.logNode(orgId, t.level, t.index).sk));
  if (missing.length > 0) for (const [sk, hash] of await archivedSubtrees(orgId, missing)) found.set(sk, hash);
  return {
    hashOf: (t) => {
      const hash = found.get(usageKeys.logNode(orgId, t.level, t.index).sk);
      if (!hash) throw new Error(`subtree ${t.level}/${t.index} of ${orgId}'s log is missing`);
      return hash;
    },
    read: subtrees.length,
  };
}

/** The inclusion proof of a leaf in the tree of `treeSize`: at most 2·log2(n) subtrees read. */
export async function proveInclusion(orgId: string, leafIndex: number, treeSize: number): Promise<{ proof: Hash[]; subtreesRead: number }> {
  const ranges = inclusionRanges(leafIndex, treeSize);
  const { hashOf, read } = await readSubtrees(orgId, subtreesOf(ranges));
  return { proof: proofFrom(ranges, hashOf), subtreesRead: read };
}

/** A signed head as kept (public: anyone may list and keep them). */
export type StoredSignedHead = Signed<TreeHead>;

/** Keeps a signed head (once per size and time; again is harmless). */
export async function keepSignedHead(head: StoredSignedHead): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: table(), Item: { ...usageKeys.signedLogHead(head.org, head.treeSize, head.timestamp), ...head } }));
}

/** An organisation's signed heads, largest first (a page; `before`: only heads smaller than that size). */
export async function listSignedHeads(orgId: string, limit: number, before?: number): Promise<StoredSignedHead[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
      ExpressionAttributeValues: { ':pk': usageKeys.signedLogHeadsOf(orgId), ...(before === undefined ? {} : { ':before': String(before).padStart(12, '0') }) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map(({ pk: _pk, sk: _sk, ...head }) => head as StoredSignedHead);
}

/** Every organisation with a log (one Query of the list, every page). */
export async function listLogOrgs(): Promise<string[]> {
  const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': usageKeys.logsPartition } });
  return items.map((item) => item.sk as string);
}

/** The consistency proof between two sizes of an organisation's tree: at most 2·log2(n) subtrees read. */
export async function proveConsistency(orgId: string, first: number, second: number): Promise<Hash[]> {
  const ranges = consistencyRanges(first, second);
  const { hashOf } = await readSubtrees(orgId, subtreesOf(ranges));
  return proofFrom(ranges, hashOf);
}

/**
 * Signs an organisation's head when it grew since the last signed one, or when that one is older than
 * `everyMinutes` (a reader learns the log is alive and did not grow): the head a receipt is proven against.
 */
export async function signHeadIfDue(args: { orgId: string; logId: string; now: Date; everyMinutes: number; signer: { keyId: string; sign(data: Buffer): Promise<Buffer> } }): Promise<StoredSignedHead | undefined> {
  const [head, [last]] = await Promise.all([readLogHead(args.orgId), listSignedHeads(args.orgId, 1)]);
  if (!head) return undefined;
  const stale = !last || args.now.getTime() - Date.parse(last.timestamp) >= args.everyMinutes * 60_000;
  if (last && last.treeSize === head.treeSize && !stale) return undefined;
  const signed = await signWith<TreeHead>({ logId: args.logId, org: args.orgId, treeSize: head.treeSize, rootHash: head.rootHash, timestamp: args.now.toISOString() }, treeHeadText, args.signer);
  await keepSignedHead(signed);
  return signed;
}

/** The entries of the head's last batch, by entry id → leaf index (one Query of the leaves' key range). */
async function lastBatchEntries(orgId: string, head: LogHead | undefined): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (!head?.lastBatch || head.lastBatch.to <= head.lastBatch.from) return found;
  const from = usageKeys.logNode(orgId, 0, head.lastBatch.from).sk;
  const to = usageKeys.logNode(orgId, 0, head.lastBatch.to - 1).sk;
  const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': usageKeys.logHead(orgId).pk, ':from': from, ':to': to }, ConsistentRead: true });
  for (const item of items) if (item.entryId) found.set(item.entryId as string, Number((item.sk as string).split('#')[2]));
  return found;
}

/**
 * Puts entries into an organisation's log exactly once: those its last batch already holds (a sequencer died before
 * marking them) keep their index and are marked first, before a new batch takes the last batch's place; the rest, in
 * the order given, become the next leaves and are marked after. `mark` is told each entry's leaf index (`recovered`:
 * from the last batch). Answers every entry's index, or undefined when another sequencer holds the log (the caller
 * tries at its next run).
 */
export async function sequenceEntries(
  orgId: string,
  entries: readonly ({ entryId: string; bytes: Buffer } | { entryId: string; leaf: Hash })[],
  at: string,
  mark: (indexes: Map<string, number>, recovered: boolean) => Promise<void> = async () => undefined,
): Promise<Map<string, number> | undefined> {
  const head = await readLogHead(orgId);
  const inLastBatch = await lastBatchEntries(orgId, head);
  const recovered = new Map(entries.flatMap((e) => (inLastBatch.has(e.entryId) ? [[e.entryId, inLastBatch.get(e.entryId)!] as const] : [])));
  if (recovered.size > 0) await mark(recovered, true);
  const fresh = entries.filter((e) => !recovered.has(e.entryId));
  const indexes = new Map(recovered);
  if (fresh.length > 0) {
    const moved = await appendLeaves(orgId, fresh.map((e) => ('leaf' in e ? e.leaf : leafHash(e.bytes))), at, fresh.map((e) => e.entryId));
    if (!moved) return undefined;
    const appended = new Map(fresh.map((e, i) => [e.entryId, moved.lastBatch!.from + i] as const));
    await mark(appended, false);
    for (const [id, index] of appended) indexes.set(id, index);
  }
  return new Map(entries.map((e) => [e.entryId, indexes.get(e.entryId)!]));
}
