import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../lambda/in-pool.ts';
import { queryPages } from '../storage/query-all.ts';
import { batchGetItems } from '../storage/batch-items.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { logger } from '../lambda/logger.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys } from '../storage/keys.ts';
import { usageTable } from '../storage/tables.ts';
import { logIdOf, shardCount, type LogMark, type LogSigner } from './log-entry.ts';
import { listLogOrgs, sequenceEntries, signHeadIfDue } from './log-store.ts';
import { archiveDueBlock } from './retention.ts';

const table = () => tableName(usageTable);

/** Entries taken from the unsequenced index in one run (the rest wait for the next minute). */
const maxPerRun = 20_000;

interface Pending {
  key: { pk: string; sk: string };
  mark: LogMark;
  at: string;
}

/** The entries not yet in a tree, oldest first per shard (gsi3: eventually consistent; what it misses, the next run takes). */
async function readUnsequenced(limit: number): Promise<Pending[]> {
  const shards = await Promise.all(
    Array.from({ length: shardCount }, async (_, shard) => {
      const found: Pending[] = [];
      const pages = queryPages({ TableName: table(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': usageKeys.unsequencedShard(shard) }, Limit: Math.ceil(limit / shardCount) });
      for await (const page of pages) {
        for (const item of page.Items ?? []) found.push({ key: { pk: item.pk as string, sk: item.sk as string }, mark: item.log as LogMark, at: (item.gsi3sk as string).split('#')[0]! });
        if (found.length >= limit / shardCount) break;
      }
      return found;
    }),
  );
  return shards.flat();
}

/** Of these entries, those whose item (read strongly consistent) is not marked sequenced yet: the index may lag behind a mark. */
async function stillUnsequenced(entries: Pending[]): Promise<Pending[]> {
  const items = await batchGetItems(table(), entries.map((e) => e.key), { consistentRead: true });
  const marked = new Set(items.filter((item) => (item.log as LogMark | undefined)?.index !== undefined).map((item) => `${item.pk}|${item.sk}`));
  return entries.filter((e) => !marked.has(`${e.key.pk}|${e.key.sk}`));
}

/** Marks an entry sequenced at its leaf index: out of the unsequenced index (again is harmless). */
async function markSequenced(entry: Pending, index: number): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: entry.key,
        UpdateExpression: 'REMOVE gsi3pk, gsi3sk SET #log.#index = :index',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#log': 'log', '#index': 'index' },
        ExpressionAttributeValues: { ':index': index },
      }),
    );
  } catch (error) {
    // An entry deleted meanwhile stays in the tree: its receipt shows it missing.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Marks placed at once, per organisation's batch. */
const marksInFlight = 16;

/**
 * One organisation's new entries into its tree, exactly once (`sequenceEntries`): what a consistent read shows still
 * unmarked, ordered by time and entry id; the entries of a last batch a dead run did not mark are marked first, the
 * new leaves after (one head move under the log's lease). Answers how many became new leaves.
 */
async function sequenceOrg(orgId: string, entries: Pending[], at: string): Promise<number> {
  const unmarked = (await stillUnsequenced(entries)).sort((a, b) => (a.at === b.at ? (a.mark.entryId < b.mark.entryId ? -1 : 1) : a.at < b.at ? -1 : 1));
  if (unmarked.length === 0) return 0;
  const byId = new Map(unmarked.map((e) => [e.mark.entryId, e]));
  let appended = 0;
  const indexes = await sequenceEntries(orgId, unmarked.map((e) => ({ entryId: e.mark.entryId, leaf: Buffer.from(e.mark.leaf, 'hex') })), at, async (marks, recovered) => {
    if (!recovered) appended = marks.size;
    await inPool(marksInFlight, [...marks].map(([entryId, index]) => () => markSequenced(byId.get(entryId)!, index)));
  });
  // Undefined: another sequencer holds the log; the next run takes them.
  return indexes ? appended : 0;
}

/**
 * The sequencer (every minute): integrates every organisation's new entries into its Merkle tree, then signs the head
 * of each log that grew, or whose last signed head is older than the county's `usageLog.headMinutes` (docs/usage-log.md),
 * and moves each log's next block past the county's retention to S3.
 */
export async function sequenceUsageLog(args: { county: CountyConfig; now: Date; signer: LogSigner }): Promise<{ sequenced: number; organisations: number; headsSigned: number; blocksArchived: number }> {
  const at = args.now.toISOString();
  const pending = await readUnsequenced(maxPerRun);
  const byOrg = new Map<string, Pending[]>();
  for (const entry of pending) {
    const list = byOrg.get(entry.mark.org);
    if (list) list.push(entry);
    else byOrg.set(entry.mark.org, [entry]);
  }
  let sequenced = 0;
  for (const [orgId, entries] of byOrg) sequenced += await sequenceOrg(orgId, entries, at);
  let headsSigned = 0;
  let blocksArchived = 0;
  for (const orgId of await listLogOrgs()) {
    const signed = await signHeadIfDue({ orgId, logId: logIdOf(args.county.id), now: args.now, everyMinutes: args.county.usageLog.headMinutes, signer: args.signer });
    if (signed) headsSigned += 1;
    if (await archiveDueBlock({ orgId, now: args.now, retentionDays: args.county.usageLog.retentionDays })) blocksArchived += 1;
  }
  logger.info('usage log sequenced', { sequenced, organisations: byOrg.size, headsSigned, blocksArchived });
  return { sequenced, organisations: byOrg.size, headsSigned, blocksArchived };
}
