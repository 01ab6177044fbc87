import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { resourceEnv, type TableDefinition } from './tables.ts';

/**
 * Module-scope SDK clients, reused across invocations. Locally they reach the emulators through the
 * SDK's standard AWS_ENDPOINT_URL_<SERVICE> variables, so there is no local branch here.
 */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

// Checksums only when required: the default adds CRC32 framing that presigned URLs and some
// S3-compatible servers mishandle; S3 itself still verifies Content-MD5/ETag where required.
export const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
export const sfn = new SFNClient({});
export const sns = new SNSClient({});

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the function's declaration does not grant this resource`);
  return value;
}

export const tableName = (table: TableDefinition): string => requiredEnv(table.envVar);
export const reportsBucketName = (): string => requiredEnv(resourceEnv.reportsBucket);
export const noticesTopicArn = (): string => requiredEnv(resourceEnv.noticesTopic);
export const workflowArn = (workflow: string): string => requiredEnv(resourceEnv.workflowArn(workflow));
