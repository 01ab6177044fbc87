import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';
import { s3 } from './s3-client.ts';
import { keys } from './keys.ts';
import { creditTable } from './tables.ts';

export interface ObjectCreated {
  bucket: string;
  /** Decoded object key. */
  key: string;
  eventTime: string;
  versionId?: string;
  eTag?: string;
}

/**
 * Records an object that arrived in the reports bucket. S3 delivers events at least once: the item is
 * keyed on bucket, key and version (or ETag where versioning is off), and written only if absent, so a
 * repeated event stores nothing twice. Returns whether this event was the first.
 */
export async function recordUpload(object: ObjectCreated, localDay: string): Promise<{ recorded: boolean }> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }));
  const version = object.versionId ?? head.VersionId ?? (head.ETag ?? object.eTag ?? 'unknown').replace(/"/g, '');
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName(creditTable),
        Item: {
          ...keys.upload(object.bucket, object.key, version),
          ...keys.uploadsByDay(localDay, object.key),
          bucket: object.bucket,
          objectKey: object.key,
          version,
          sizeBytes: head.ContentLength,
          contentType: head.ContentType,
          eTag: head.ETag,
          createdAt: object.eventTime,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { recorded: true };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { recorded: false };
    throw error;
  }
}
