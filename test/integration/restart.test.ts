import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { keys } from '../../shared/storage/keys.ts';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.ts';
import { until } from '../support/until.ts';

const county = loadCounty('lianjiang');
const dataDir = mkdtempSync(join(tmpdir(), 'credit-platform-restart-'));
let platform: LocalPlatform | undefined;
afterAll(() => platform?.stop());

const start = () => startLocalPlatform({ county, dataDir, port: 0, demo: false, log: () => undefined });
const credentials = () => ({ accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! });


it('keeps tables, objects, tokens and a waiting workflow across a restart', async () => {
  platform = await start();
  const token = await platform.token('department', 'dept-a');
  const s3 = () => new S3Client({ endpoint: platform!.endpoints.s3, region: process.env.AWS_REGION, credentials: credentials(), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const dynamo = () => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform!.endpoints.dynamodb, region: process.env.AWS_REGION, credentials: credentials() }));
  const sfn = () => new SFNClient({ endpoint: platform!.endpoints.stepfunctions, region: process.env.AWS_REGION, credentials: credentials() });

  await s3().send(new PutObjectCommand({ Bucket: platform.names.reportsBucket, Key: 'kept/a.txt', Body: 'kept' }));
  const input = { caseId: 'restart-case', recordId: 'r', providerOrgId: 'dept-a', noticeDate: '2026-11-23' };
  const { executionArn } = await sfn().send(
    new StartExecutionCommand({ stateMachineArn: platform.names.workflowArns.verification, name: input.caseId, input: JSON.stringify(input) }),
  );
  const taskToken = await until('the task token to be stored', async () => (await dynamo().send(new GetCommand({ TableName: platform!.names.creditTable, Key: keys.verificationCase(input.caseId) }))).Item?.taskToken as string | undefined);
  await platform.stop();

  const endpointsBefore = platform.endpoints;
  platform = await start();
  // Emulators come back where they were, so clients (and tools) configured before still reach them.
  expect(platform.endpoints).toEqual(endpointsBefore);
  // The token signed before the restart still verifies: the key lives in the data folder.
  expect((await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  const object = await s3().send(new GetObjectCommand({ Bucket: platform.names.reportsBucket, Key: 'kept/a.txt' }));
  expect(await object.Body!.transformToString()).toBe('kept');
  // The execution waits again with the same token, which the provider's answer still reaches.
  await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ outcome: 'revoked', reasoning: '决定已撤销' }) }));
  const done = await until('the execution to finish', async () => {
    const d = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
  expect({ status: done.status, error: done.error, cause: done.cause }).toMatchObject({ status: 'SUCCEEDED' });
  const { Item } = await dynamo().send(new GetCommand({ TableName: platform.names.creditTable, Key: keys.verificationCase(input.caseId) }));
  expect(Item).toMatchObject({ status: 'closed', outcome: { outcome: 'revoked' } });
});
