import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDate } from '../../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../../shared/config/county-config.ts';
import type { Role } from '../../../shared/identity/roles.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { demoOrganisations, type DemoOrganisation } from './demo-organisations.ts';
import { demoRecords } from './demo-records.ts';

/** A tiny valid PDF: enough for the upload pipeline to see a real `%PDF-` object. */
export const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Loads the demo data of one county. Records go in through the real API (POST /records with each
 * department's token), so they are validated and derived like any other; the records shown under
 * objection are then marked so directly (objections arrive with their own issue). Idempotent: records
 * are keyed by department, kind and decision number, so a restart adds nothing twice.
 */
export async function loadDemoData(options: {
  county: CountyConfig;
  apiUrl: string;
  token: (role: Role, orgId: string) => Promise<string>;
  dynamo: DynamoDBDocumentClient;
  creditTableName: string;
  s3: S3Client;
  bucket: string;
}): Promise<{ organisations: DemoOrganisation[]; records: number }> {
  const organisations = demoOrganisations(options.county);
  for (const org of organisations) {
    await options.dynamo.send(
      new PutCommand({
        TableName: options.creditTableName,
        Item: { ...keys.organisation(org.orgId), ...keys.organisationsByRole(org.role, org.orgId), ...org, demo: true },
      }),
    );
  }
  const today = localDate(new Date(), options.county.timeZone);
  let records = 0;
  for (const [index, demo] of demoRecords(options.county, today).entries()) {
    const response = await fetch(`${options.apiUrl}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', demo.by)}` },
      body: JSON.stringify(demo.record),
    });
    const body = (await response.json()) as { recordId?: string; error?: unknown };
    if (!response.ok || !body.recordId) throw new Error(`demo record ${index} (${demo.record.kind}) refused: ${JSON.stringify(body)}`);
    records += 1;
    if ('objection' in demo && demo.objection) await markUnderObjection(options, body.recordId, `obj_demo_${index}`);
  }
  await options.s3.send(
    new PutObjectCommand({ Bucket: options.bucket, Key: 'uploads/agency-xinyuan/示范 信用报告 2026.pdf', Body: demoPdf, ContentType: 'application/pdf' }),
  );
  return { organisations, records };
}

async function markUnderObjection(options: { dynamo: DynamoDBDocumentClient; creditTableName: string }, recordId: string, objectionId: string) {
  const { Items } = await options.dynamo.send(
    new QueryCommand({
      TableName: options.creditTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.recordVersionsOf(recordId).pk },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const latest = Items?.[0];
  if (!latest) return;
  for (const key of [{ pk: latest.pk, sk: latest.sk }, keys.subjectRecord(latest.subjectId as string, recordId)])
    await options.dynamo.send(
      new UpdateCommand({
        TableName: options.creditTableName,
        Key: key,
        UpdateExpression: 'SET lifecycle = :l, objectionId = :o',
        ExpressionAttributeValues: { ':l': 'underObjection', ':o': objectionId },
      }),
    );
}
