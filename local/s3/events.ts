import { createHash, randomBytes } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import { encodeS3EventKey } from './event-key.ts';

/** How an object came to be, as S3 names it in `eventName` (`ObjectCreated:<operation>`). */
export type ObjectCreatedOperation = 'Put' | 'Post' | 'Copy' | 'CompleteMultipartUpload';

export interface ObjectCreated {
  operation: ObjectCreatedOperation;
  bucket: string;
  /** The object key, not encoded. */
  key: string;
  size: number;
  /** Without quotes. */
  eTag: string;
  sourceIp: string;
  accessKeyId: string;
  time: Date;
  sequencer: string;
  /** In a versioned bucket: the version this write created. */
  versionId?: string;
}

/** The notification S3 sends for a created object (event structure version 2.1). */
export function objectCreatedEvent(object: ObjectCreated, region: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: object.time.toISOString(),
        eventName: `ObjectCreated:${object.operation}`,
        userIdentity: { principalId: `AWS:${object.accessKeyId}` },
        requestParameters: { sourceIPAddress: object.sourceIp },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': createHash('sha256').update(randomBytes(16)).digest('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-emulator',
          bucket: { name: object.bucket, ownerIdentity: { principalId: 'LOCALEMULATOR' }, arn: `arn:aws:s3:::${object.bucket}` },
          object: {
            key: encodeS3EventKey(object.key),
            size: object.size,
            eTag: object.eTag,
            ...(object.versionId ? { versionId: object.versionId } : {}),
            sequencer: object.sequencer,
          },
        },
      },
    ],
  };
}

/**
 * S3's sequencer orders events for one key: hex strings that compare greater for later events.
 * Time in milliseconds plus a counter keeps them increasing across restarts and within a millisecond.
 */
export function createSequencer(): () => string {
  let last = 0n;
  return () => {
    const now = BigInt(Date.now()) << 16n;
    last = now > last ? now : last + 1n;
    return last.toString(16).toUpperCase().padStart(16, '0');
  };
}
