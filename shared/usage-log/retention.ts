import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../storage/query-all.ts';
import { batchDeleteItems } from '../storage/batch-items.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { reportsBucketName, tableName } from '../storage/resource-names.ts';
import { usageKeys } from '../storage/keys.ts';
import { s3 } from '../storage/s3-client.ts';
import { usageTable } from '../storage/tables.ts';
import { blockObject, blockObjectKey, listArchivedBlocks, type ArchivedBlock } from './archived-blocks.ts';
import { readLogHead } from './log-store.ts';

const table = () => tableName(usageTable);

/** Blocks of 2^16 leaves: a million entries leave 15 subtrees of level ≥ 16 per million in the table, and 15 objects. */
export const defaultBlockLevel = 16;

/** Every subtree below `level` of block `index`, as stored (one key-range Query per level, every page). */
async function readBlockNodes(orgId: string, level: number, index: number): Promise<Buffer[] | undefined> {
  const levels: Buffer[] = [];
  for (let l = 0; l < level; l += 1) {
    const width = 2 ** (level - l);
    const from = usageKeys.logNode(orgId, l, index * width).sk;
    const to = usageKeys.logNode(orgId, l, (index + 1) * width - 1).sk;
    const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': usageKeys.logHead(orgId).pk, ':from': from, ':to': to }, ConsistentRead: true });
    const hashes = items.map((item) => Buffer.from(item.hash as string, 'hex'));
    if (hashes.length !== width) return undefined; // a subtree missing: not archived (its proofs show it)
    levels.push(Buffer.concat(hashes));
  }
  return levels;
}

async function deleteBlockNodes(block: ArchivedBlock): Promise<void> {
  const keys = [];
  for (let l = 0; l < block.level; l += 1) {
    const width = 2 ** (block.level - l);
    for (let i = block.index * width; i < (block.index + 1) * width; i += 1) keys.push(usageKeys.logNode(block.orgId, l, i));
  }
  await batchDeleteItems(table(), keys);
  await dynamo.send(new PutCommand({ TableName: table(), Item: { ...usageKeys.logBlock(block.orgId, block.level, block.index), ...block, deleted: true } }));
}

/**
 * Retention (docs/usage-log.md): the next complete block of an organisation's tree whose last leaf was in a signed head
 * more than `retentionDays` ago moves to S3 (one gzipped object of its subtrees below `level`), and its items leave the
 * table; the subtrees above stay, so a proof still reads ≤ 2·log2(n) subtrees (plus one object for an old entry). In
 * order: the object, then the block's item, then the deletes; a run that died is finished by the next. One block a run.
 */
export async function archiveDueBlock(args: { orgId: string; now: Date; retentionDays: number; level?: number }): Promise<ArchivedBlock | undefined> {
  const level = args.level ?? defaultBlockLevel;
  const blocks = (await listArchivedBlocks(args.orgId)).filter((b) => b.level === level);
  const unfinished = blocks.find((b) => !b.deleted);
  if (unfinished) {
    await deleteBlockNodes(unfinished);
    return { ...unfinished, deleted: true };
  }
  const index = blocks.length;
  const head = await readLogHead(args.orgId);
  if (!head || head.treeSize < (index + 1) * 2 ** level) return undefined;
  // When the block was whole: the first signed head that covers its last leaf.
  const covering = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND sk >= :size',
      ExpressionAttributeValues: { ':pk': usageKeys.signedLogHeadsOf(args.orgId), ':size': String((index + 1) * 2 ** level).padStart(12, '0') },
      Limit: 1,
    }),
  );
  const signedAt = covering.Items?.[0]?.timestamp as string | undefined;
  if (!signedAt || args.now.getTime() - Date.parse(signedAt) < args.retentionDays * 86_400_000) return undefined;
  const levels = await readBlockNodes(args.orgId, level, index);
  if (!levels) return undefined;
  const block: ArchivedBlock = { orgId: args.orgId, level, index, key: blockObjectKey(args.orgId, level, index), archivedAt: args.now.toISOString(), deleted: false };
  await s3.send(new PutObjectCommand({ Bucket: reportsBucketName(), Key: block.key, Body: blockObject(args.orgId, level, index, levels), ContentType: 'application/gzip' }));
  await dynamo.send(new PutCommand({ TableName: table(), Item: { ...usageKeys.logBlock(args.orgId, level, index), ...block } }));
  await deleteBlockNodes(block);
  return { ...block, deleted: true };
}
