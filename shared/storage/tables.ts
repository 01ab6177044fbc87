/**
 * The tables of a county stack, declared once. The CDK stack and the local runtime both create them from this.
 * Every item key is built by `keys.ts`; no other module spells a key.
 */
export interface TableIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  /** Logical name: the CDK construct id, and (prefixed with the county) the local table name. */
  id: 'CreditData' | 'UsageLog';
  /** Environment variable that carries the physical name to handlers. */
  envVar: 'CREDIT_TABLE' | 'USAGE_TABLE';
  partitionKey: string;
  sortKey: string;
  indexes: TableIndex[];
  /** Attribute holding an epoch-seconds expiry, or undefined. */
  ttlAttribute?: string;
}

/** Credit data: subjects, records and their versions, reports, objections, notices, uploads, task tokens. */
export const creditTable: TableDefinition = {
  id: 'CreditData',
  envVar: 'CREDIT_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Due dates (records' publicity end, reports' validity) and public notices: see docs/access-patterns.md.
    // CloudFormation adds one GSI per stack update: add a fourth in its own deployment.
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  ttlAttribute: 'expiresAt',
};

/** Usage log: every credit check a department runs, and what it did with it (逢办必查). */
export const usageTable: TableDefinition = {
  id: 'UsageLog',
  envVar: 'USAGE_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Sparse: entries of the usage log not yet in its Merkle tree (docs/usage-log.md), in 16 shards; the sequencer
    // removes the keys as it integrates them.
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
};

export const tables = [creditTable, usageTable] as const;

/** Environment variables for the other resources, named once. */
export const resourceEnv = {
  reportsBucket: 'REPORTS_BUCKET',
  noticesTopic: 'NOTICES_TOPIC_ARN',
  county: 'COUNTY_CONFIG',
  workflowArn: (workflow: string) => `WORKFLOW_${workflow.toUpperCase().replace(/-/g, '_')}_ARN`,
  /** KMS keys that protect resident ID numbers on AWS (see shared/privacy/personal-data-keys.ts). */
  personalDataKey: 'PERSONAL_DATA_KEY_ARN',
  personalDataMacKey: 'PERSONAL_DATA_MAC_KEY_ARN',
  /** The local runtime's stand-in for both KMS keys: 32 random bytes, base64, kept in the data folder. */
  personalDataLocalKey: 'PERSONAL_DATA_LOCAL_KEY',
  /** The machine API's token key (shared/machine-clients/token-signer.ts): an ECC P-256 KMS key on AWS, a private JWK locally. */
  machineTokenKey: 'MACHINE_TOKEN_KEY_ARN',
  machineTokenLocalKey: 'MACHINE_TOKEN_LOCAL_KEY',
  /** The machine API's issuer: its own base URL (tokens' `iss`, the authorizer's issuer). */
  machineTokenIssuer: 'MACHINE_TOKEN_ISSUER',
  /**
   * Where the exchange sends every https destination's deliveries instead of the county file's URL
   * (`<value>/<destination id>`), like the SDK's AWS_ENDPOINT_URL_*: the local runtime's receiving endpoint. Unset on AWS.
   */
  exchangeEndpoint: 'EXCHANGE_ENDPOINT_URL',
} as const;

/**
 * The reports bucket's CORS rule, on AWS and in the local S3 emulator alike: browsers upload credit
 * reports and evidence with presigned POST/PUT from the site's origin, and download with presigned GET.
 */
export const reportsBucketCors = {
  allowedMethods: ['POST', 'PUT', 'GET'],
  allowedOrigins: ['*'],
  allowedHeaders: ['*'],
  exposedHeaders: ['ETag'],
  maxAge: 3000,
} as const;
