import type { S3Event } from 'aws-lambda';
import type { CorsRule } from './cors.ts';

/** What the parent tells the emulator process (through its environment) and what it hears back (over IPC). */

export interface S3EmulatorConfig {
  /** The public (front) port; 0 picks a free one. */
  port: number;
  /** Where s3rver keeps buckets and objects; kept across restarts. */
  dataDir: string;
  /** The one key pair the emulator accepts. */
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Created at start if missing. */
  buckets: string[];
  /** Of `buckets`, those with versioning on (see versions.ts). */
  versionedBuckets: string[];
  cors: CorsRule[];
}

export type EmulatorMessage = { type: 'ready'; endpoint: string } | { type: 's3-event'; event: S3Event };

const ENV = {
  port: 'S3_EMULATOR_PORT',
  dataDir: 'S3_EMULATOR_DATA_DIR',
  accessKeyId: 'S3_EMULATOR_ACCESS_KEY_ID',
  secretAccessKey: 'S3_EMULATOR_SECRET_ACCESS_KEY',
  region: 'S3_EMULATOR_REGION',
  buckets: 'S3_EMULATOR_BUCKETS',
  versionedBuckets: 'S3_EMULATOR_VERSIONED_BUCKETS',
  cors: 'S3_EMULATOR_CORS',
} as const;

export function configToEnv(config: S3EmulatorConfig): Record<string, string> {
  return {
    [ENV.port]: String(config.port),
    [ENV.dataDir]: config.dataDir,
    [ENV.accessKeyId]: config.accessKeyId,
    [ENV.secretAccessKey]: config.secretAccessKey,
    [ENV.region]: config.region,
    [ENV.buckets]: config.buckets.join(','),
    [ENV.versionedBuckets]: config.versionedBuckets.join(','),
    [ENV.cors]: JSON.stringify(config.cors),
  };
}

/** Reads the configuration, or throws naming every missing or invalid variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): S3EmulatorConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const port = Number(env[ENV.port] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`${ENV.port} must be a port number (0 for any free port)`);
  const buckets = (env[ENV.buckets] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const bucket of buckets) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push(`${ENV.buckets}: '${bucket}' is not a valid bucket name`);
  }
  const versionedBuckets = (env[ENV.versionedBuckets] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const bucket of versionedBuckets) {
    if (!buckets.includes(bucket)) problems.push(`${ENV.versionedBuckets}: '${bucket}' is not one of ${ENV.buckets}`);
  }
  let cors: CorsRule[] = [];
  try {
    cors = JSON.parse(env[ENV.cors] || '[]') as CorsRule[];
    if (!Array.isArray(cors) || cors.some((rule) => !Array.isArray(rule.allowedOrigins) || !Array.isArray(rule.allowedMethods))) {
      throw new Error('not a list of rules');
    }
  } catch (error) {
    problems.push(`${ENV.cors} must be a JSON list of { allowedOrigins, allowedMethods, ... } (${(error as Error).message})`);
  }
  const config = {
    port,
    dataDir: required(ENV.dataDir),
    accessKeyId: required(ENV.accessKeyId),
    secretAccessKey: required(ENV.secretAccessKey),
    region: env[ENV.region] || env.AWS_REGION || (problems.push(`${ENV.region} (or AWS_REGION) is not set`), ''),
    buckets,
    versionedBuckets,
    cors,
  };
  if (problems.length) throw new Error(`S3 emulator configuration: ${problems.join('; ')}`);
  return config;
}
