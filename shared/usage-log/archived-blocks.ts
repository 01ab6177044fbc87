import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { reportsBucketName, tableName } from '../storage/resource-names.ts';
import { usageKeys } from '../storage/keys.ts';
import { s3 } from '../storage/s3-client.ts';
import { usageTable } from '../storage/tables.ts';
import type { Hash, Subtree } from './merkle-tree.ts';

/**
 * Blocks of an organisation's tree moved to S3 (retention.ts): a block `b` of level `B` holds leaves
 * [b·2^B, (b+1)·2^B) and every subtree below level B over them, one gzipped object; its item in the table says where.
 */
export interface ArchivedBlock {
  orgId: string;
  level: number;
  index: number;
  key: string;
  archivedAt: string;
  /** The block's subtrees are deleted from the table (after the object and this item were written). */
  deleted: boolean;
}

export const blockObjectKey = (orgId: string, level: number, index: number) => `usage-log/${encodeURIComponent(orgId)}/block-${String(level).padStart(2, '0')}-${String(index).padStart(12, '0')}.json.gz`;

/** The object of a block: per level below B, the concatenated 32-byte hashes of its subtrees, in index order. */
export const blockObject = (orgId: string, level: number, index: number, levels: Buffer[]): Buffer =>
  gzipSync(Buffer.from(JSON.stringify({ orgId, level, index, levels: levels.map((l) => l.toString('base64')) }), 'utf8'));

export async function listArchivedBlocks(orgId: string): Promise<ArchivedBlock[]> {
  const result = await dynamo.send(
    new QueryCommand({ TableName: tableName(usageTable), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :block)', ExpressionAttributeValues: { ':pk': usageKeys.logHead(orgId).pk, ':block': usageKeys.logBlocksPrefix }, ConsistentRead: true }),
  );
  return (result.Items ?? []).map(({ pk: _pk, sk: _sk, ...block }) => block as ArchivedBlock);
}

/** Blocks read in this container, by object key (immutable once written). */
const cache = new Map<string, Buffer[]>();

async function readBlock(key: string): Promise<Buffer[]> {
  const cached = cache.get(key);
  if (cached) return cached;
  const object = await s3.send(new GetObjectCommand({ Bucket: reportsBucketName(), Key: key }));
  const parsed = JSON.parse(gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8')) as { levels: string[] };
  const levels = parsed.levels.map((l) => Buffer.from(l, 'base64'));
  if (cache.size >= 16) cache.delete(cache.keys().next().value!);
  cache.set(key, levels);
  return levels;
}

/** The hashes of subtrees not in the table that an archived block holds, by their table sort key. */
export async function archivedSubtrees(orgId: string, subtrees: readonly Subtree[]): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  const blocks = await listArchivedBlocks(orgId);
  for (const t of subtrees) {
    const block = blocks.find((b) => t.level < b.level && Math.floor(t.index / 2 ** (b.level - t.level)) === b.index);
    if (!block) continue;
    const level = (await readBlock(block.key))[t.level];
    const offset = (t.index - block.index * 2 ** (block.level - t.level)) * 32;
    if (level && level.length >= offset + 32) found.set(usageKeys.logNode(orgId, t.level, t.index).sk, level.subarray(offset, offset + 32));
  }
  return found;
}
