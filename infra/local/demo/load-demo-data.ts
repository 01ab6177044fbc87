import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../shared/storage/keys.ts';
import { demoOrganisations, type DemoOrganisation } from './demo-organisations.ts';

/** A tiny valid PDF: enough for the upload pipeline to see a real `%PDF-` object. */
export const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Loads the demo data of one county through the same SDK clients the handlers use. Idempotent:
 * items are keyed, and the demo upload has a fixed key, so a restart adds nothing twice.
 */
export async function loadDemoData(options: {
  countyName: string;
  dynamo: DynamoDBDocumentClient;
  creditTableName: string;
  s3: S3Client;
  bucket: string;
}): Promise<DemoOrganisation[]> {
  const organisations = demoOrganisations(options.countyName);
  for (const org of organisations) {
    await options.dynamo.send(
      new PutCommand({
        TableName: options.creditTableName,
        Item: { ...keys.organisation(org.orgId), ...keys.organisationsByRole(org.role, org.orgId), ...org, demo: true },
      }),
    );
  }
  await options.s3.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: 'uploads/agency-xinyuan/示范 信用报告 2026.pdf',
      Body: demoPdf,
      ContentType: 'application/pdf',
    }),
  );
  return organisations;
}
