import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import { maxComments, type MatterListComment, type MatterListHead, type MatterListInForce, type MatterListVersion } from './matter-list.ts';

/**
 * DynamoDB adapter of matter lists (docs/access-patterns.md): one partition per department, `MATTERLIST#<orgId>`,
 * holding its head (`HEAD`: state, pending version, the version in force with its items, so a check reads it in
 * one GetItem) and its versions (`VERSION#000001`…); the heads on gsi1 (`MATTERLISTS`) for the office's overview.
 * Every change of state is one transaction of the version and the head, conditional on what was read.
 */
const table = () => tableName(creditTable);

export async function getHead(orgId: string): Promise<MatterListHead | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.matterListHead(orgId), ConsistentRead: true }));
  return Item ? (strip(Item) as unknown as MatterListHead) : undefined;
}

/** Every department's head (one query of gsi1): the departments that filed a list. */
export async function allHeads(): Promise<MatterListHead[]> {
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.matterLists } });
  return items.map((i) => strip(i) as unknown as MatterListHead);
}

export async function getVersion(orgId: string, version: number): Promise<MatterListVersion | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.matterListVersion(orgId, version), ConsistentRead: true }));
  return Item ? (strip(Item) as unknown as MatterListVersion) : undefined;
}

/** A department's versions, oldest first. */
export async function versionsOf(orgId: string): Promise<MatterListVersion[]> {
  const { pk, skPrefix } = keys.matterListVersionsOf(orgId);
  const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix }, ConsistentRead: true });
  return items.map((i) => strip(i) as unknown as MatterListVersion);
}

export interface SubmissionMark {
  version: number;
  bodyHash: string;
}

export async function getSubmission(orgId: string, submissionId: string): Promise<SubmissionMark | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.matterListSubmission(orgId, submissionId), ConsistentRead: true }));
  return Item ? { version: Item.version as number, bodyHash: Item.bodyHash as string } : undefined;
}

/**
 * Stores a new version awaiting review and moves the head to it, in one transaction: refused (`false`) when
 * the head moved since it was read (another submission, a review) or a version awaits review.
 */
export async function putSubmittedVersion(v: MatterListVersion, previous: MatterListHead | undefined, submission?: { id: string; bodyHash: string }): Promise<boolean> {
  const head: MatterListHead = {
    ...(previous ?? {}),
    orgId: v.orgId,
    latestVersion: v.version,
    state: 'submitted',
    pendingVersion: v.version,
    updatedAt: v.submittedAt,
  };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table(), Item: { ...keys.matterListVersion(v.orgId, v.version), ...v }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: table(),
              Item: { ...keys.matterListHead(v.orgId), ...keys.matterListHeads(v.orgId), ...head },
              ...(previous
                ? { ConditionExpression: 'latestVersion = :prev AND attribute_not_exists(pendingVersion)', ExpressionAttributeValues: { ':prev': previous.latestVersion } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          ...(submission
            ? [{ Put: { TableName: table(), Item: { ...keys.matterListSubmission(v.orgId, submission.id), version: v.version, bodyHash: submission.bodyHash }, ConditionExpression: 'attribute_not_exists(pk)' } }]
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * The credit office's review of the version awaiting it: the version approved or returned with the review's
 * comment, and the head with it (an approved version becomes the list in force). `false` when the version no
 * longer awaits review.
 */
export async function storeReview(args: { orgId: string; version: number; decision: 'approve' | 'return'; comment: MatterListComment; reviewedBy: string; at: string; inForce?: MatterListInForce; approvedOn?: string }): Promise<boolean> {
  const state = args.decision === 'approve' ? 'approved' : 'returned';
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table(),
              Key: keys.matterListVersion(args.orgId, args.version),
              UpdateExpression: 'SET #state = :state, reviewedAt = :at, reviewedBy = :by, comments = list_append(comments, :c)',
              ConditionExpression: '#state = :submitted',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':state': state, ':at': args.at, ':by': args.reviewedBy, ':c': [args.comment], ':submitted': 'submitted' },
            },
          },
          {
            Update: {
              TableName: table(),
              Key: keys.matterListHead(args.orgId),
              UpdateExpression:
                args.inForce
                  ? 'SET #state = :state, updatedAt = :at, inForce = :inForce, firstApprovedOn = if_not_exists(firstApprovedOn, :on) REMOVE pendingVersion'
                  : 'SET #state = :state, updatedAt = :at REMOVE pendingVersion',
              ConditionExpression: 'pendingVersion = :v AND latestVersion = :v',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':state': state, ':at': args.at, ':v': args.version, ...(args.inForce ? { ':inForce': args.inForce, ':on': args.approvedOn } : {}) },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** Adds a comment to a version; `undefined` when the version does not exist or holds the most comments it keeps. */
export async function appendComment(orgId: string, version: number, comment: MatterListComment): Promise<MatterListVersion | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.matterListVersion(orgId, version),
        UpdateExpression: 'SET comments = list_append(comments, :c)',
        ConditionExpression: 'attribute_exists(pk) AND size(comments) < :max',
        ExpressionAttributeValues: { ':c': [comment], ':max': maxComments },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip(Attributes!) as unknown as MatterListVersion;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, ...rest } = item;
  return rest;
}
