import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { creditTable, reportsBucketCors, usageTable, type TableDefinition } from '../../shared/storage/tables.ts';
import { maxReportValidityMonths } from '../../shared/config/county-config.ts';
import { pinLogicalId } from './nag.ts';

/** How long an import's files (the clerk's file, the result file) are kept: a month to mend and upload again, and a margin. */
export const importFileDays = 90;

/** How long a report's pinned version is kept once noncurrent: the longest validity a county may set, and a year. */
export const pinnedReportVersionDays = Math.ceil((maxReportValidityMonths / 12) * 366) + 365;

/**
 * The county's stateful data: the two tables (built from shared/storage/tables.ts, the same definitions the
 * local runtime uses) and the reports bucket. Everything here is retained and keeps a pinned logical id, and is
 * encrypted at rest with the county's storage key (the access-log bucket excepted: S3 delivers logs only to SSE-S3).
 */
export class Storage extends Construct {
  readonly creditTable: Table;
  readonly usageTable: Table;
  readonly reportsBucket: Bucket;

  constructor(scope: Construct, id: string, { key }: { key: IKey }) {
    super(scope, id);
    this.creditTable = tableFrom(this, creditTable, key);
    this.usageTable = tableFrom(this, usageTable, key);

    const accessLogs = new Bucket(this, 'ReportsAccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Server access logs can only be delivered to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(3 * 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(accessLogs, 'ReportsAccessLogsBucket');

    this.reportsBucket = new Bucket(this, 'ReportsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Default encryption: browsers' presigned POSTs send no encryption field, S3 applies the key. Whoever
      // signs an upload needs kms:GenerateDataKey (through S3), whoever reads or signs a download kms:Decrypt.
      // The bucket key keeps KMS requests (and their cost) to a few per object prefix, not one per object.
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      // Browsers upload credit reports and evidence with presigned POST/PUT URLs and download with presigned GET.
      cors: [{ ...reportsBucketCors, allowedMethods: reportsBucketCors.allowedMethods.map((m) => HttpMethods[m]), allowedOrigins: [...reportsBucketCors.allowedOrigins], allowedHeaders: [...reportsBucketCors.allowedHeaders], exposedHeaders: [...reportsBucketCors.exposedHeaders] }],
      // Versioning pins each accepted report to the version that was checked: its downloads name that version,
      // so a later write to the key changes nothing a department downloads. A pinned version made noncurrent by a
      // later write must outlive the longest report validity (and a year besides). Old versions are rare (keys
      // are written once), so one rule keeps every noncurrent version that long rather than splitting prefixes.
      // A clerk's import files, their continuations and result files hold what the clerk typed (ID numbers
      // included, as written, so that a mended result file imports again): kept for the department to
      // download and mend for `importFileDays`, then gone with every version.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(pinnedReportVersionDays), abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'ImportFiles', prefix: 'imports/', expiration: Duration.days(importFileDays), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.reportsBucket, 'ReportsBucket');
  }
}

function tableFrom(scope: Construct, definition: TableDefinition, key: IKey): Table {
  const table = new Table(scope, `${definition.id}Table`, {
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: definition.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(definition.ttlAttribute ? { timeToLiveAttribute: definition.ttlAttribute } : {}),
  });
  for (const index of definition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  pinLogicalId(table, `${definition.id}Table`);
  return table;
}
