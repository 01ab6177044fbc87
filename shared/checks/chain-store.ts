import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { UsageLogBusy } from '../errors/domain-errors.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { usageKeys, withoutKeys } from '../storage/keys.ts';
import { queryPages } from '../storage/query-all.ts';
import { usageTable } from '../storage/tables.ts';
import { nextLink, type ChainLink, type LinkKind } from './chain-link.ts';

const table = () => tableName(usageTable);

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempts of one append when other appends take the position first (a department's checks at once). */
const maxAppendAttempts = 40;

/** The last link of an organisation's chain (strongly consistent), or none yet. */
export async function readLastLink(orgId: string): Promise<ChainLink | undefined> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': usageKeys.chainPartition(orgId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = result.Items?.[0];
  return item ? withoutKeys<ChainLink>(item) : undefined;
}

/** Every link of an organisation's chain, in position order (strongly consistent, every page). */
export async function readChain(orgId: string): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  for await (const page of queryPages({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': usageKeys.chainPartition(orgId) }, ConsistentRead: true }))
    for (const item of page.Items ?? []) links.push(withoutKeys<ChainLink>(item));
  return links;
}

/** BatchGets in flight at once when a chain names thousands of checks. */
const batchGetsInFlight = 8;

/** Check items as stored, less their keys, by check id (strongly consistent; 100 keys per BatchGet). Absent: not in the table. */
export async function readCheckItems(checkIds: Iterable<string>): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Set(checkIds)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
  const readBatch = async (ids: string[]) => {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [table()]: { Keys: ids.map((id) => usageKeys.check(id)), ConsistentRead: true },
    };
    for (let attempt = 1; request && Object.keys(request).length; attempt += 1) {
      // Keys left unprocessed (throttled): again after a pause that grows.
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table()] ?? []) {
        const content = withoutKeys<Record<string, unknown>>(item);
        found.set(content.checkId as string, content);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(batchGetsInFlight, batches.length) }, async () => {
    while (next < batches.length) await readBatch(batches[next++]!);
  }));
  return found;
}

/**
 * Writes an entry of the usage log together with the next link of its organisation's chain, in one
 * transaction: the link on condition that its position is free, so two appends at once never fork the
 * chain (the one that loses reads the new last link and tries again, after a random pause). `entry` gives
 * the entry's write (with its own condition) and content hash for the position it will have.
 * `entryRefused` when the entry's own condition failed: the caller reads why.
 */
export async function appendWithLink(args: {
  orgId: string;
  kind: LinkKind;
  checkId: string;
  at: string;
  entry: (position: number) => { write: TransactItem; contentHash: string };
}): Promise<{ outcome: 'appended'; link: ChainLink } | { outcome: 'entryRefused' }> {
  for (let attempt = 1; ; attempt += 1) {
    const last = await readLastLink(args.orgId);
    const position = (last?.seq ?? 0) + 1;
    const { write, contentHash } = args.entry(position);
    const link = nextLink(last, { kind: args.kind, checkId: args.checkId, contentHash, at: args.at });
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [write, { Put: { TableName: table(), Item: { ...usageKeys.chainLink(args.orgId, link.seq), ...link }, ConditionExpression: 'attribute_not_exists(pk)' } }],
        }),
      );
      return { outcome: 'appended', link };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [entryReason, linkReason] = error.CancellationReasons ?? [];
      if (entryReason?.Code === 'ConditionalCheckFailed') return { outcome: 'entryRefused' };
      const retryable = [linkReason?.Code, entryReason?.Code].some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
      if (!retryable) throw error;
      if (attempt >= maxAppendAttempts)
        throw new UsageLogBusy(`the usage log of ${args.orgId} took ${attempt} attempts without a free position: try again`);
      // Full jitter, growing to 100 ms: the appends that lost the same position spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5))));
    }
  }
}
