import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { corsConfigurationXml, type CorsRule } from './cors.ts';
import type { ObjectCreated, ObjectCreatedOperation } from './events.ts';
import { VERSION_METADATA_HEADER, isVersionStore, versionStoreBucket } from './versions.ts';

/**
 * s3rver (the storage behind the verifying front), listening on a loopback port of its own.
 * It stores and serves objects; it checks no signature, so only the front may talk to it.
 */

/** Set by the front on a verified browser upload it hands to s3rver as a PutObject. */
export const BROWSER_UPLOAD_HEADER = 'x-s3-emulator-browser-upload';

/** What the backend records of each object it stores, before the event is shaped. */
export type StoredObject = Pick<ObjectCreated, 'operation' | 'bucket' | 'key' | 'size' | 'eTag' | 'sourceIp' | 'versionId'>;

export interface S3rverBackendOptions {
  dataDir: string;
  accessKeyId: string;
  secretAccessKey: string;
  buckets: readonly string[];
  /** Of `buckets`, those with versioning on: each gets a version store beside it (see versions.ts). */
  versionedBuckets?: readonly string[];
  cors: readonly CorsRule[];
  onObjectCreated: (object: StoredObject) => void;
  log: (line: string) => void;
}

export interface S3rverBackend {
  port: number;
  close(): Promise<void>;
}

// s3rver ships no types: the little of it used here.
interface KoaContext {
  method: string;
  query: Record<string, unknown>;
  get(header: string): string;
}
interface S3rverEvent {
  Records: Array<{ eventName: string; requestParameters: { sourceIPAddress: string }; s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } } }>;
}
interface S3rverInstance {
  middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void>>;
  proxy: boolean;
  store: {
    getMetadata(bucket: string, key: string): Promise<{ etag: string }>;
    deleteSubresource(bucket: string, key: undefined, type: string): Promise<void>;
  };
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
  on(event: 'error', listener: (error: Error & { status?: number }) => void): void;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverConstructor;
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };

/** Which request created an object, from s3rver's point of view. */
function operationOf(ctx: KoaContext): ObjectCreatedOperation {
  if (ctx.get(BROWSER_UPLOAD_HEADER)) return 'Post';
  if (ctx.method === 'POST') return 'uploadId' in ctx.query ? 'CompleteMultipartUpload' : 'Post';
  return ctx.get('x-amz-copy-source') ? 'Copy' : 'Put';
}

export async function startS3rverBackend(options: S3rverBackendOptions): Promise<S3rverBackend> {
  // s3rver refuses unknown access keys even though it checks no signature.
  DUMMY_ACCOUNT.createKeyPair(options.accessKeyId, options.secretAccessKey);
  const corsXml = options.cors.length ? [corsConfigurationXml(options.cors)] : [];
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: options.dataDir,
    resetOnClose: false,
    allowMismatchedSignatures: false,
    vhostBuckets: false,
    configureBuckets: [
      ...options.buckets.map((name) => ({ name, configs: corsXml })),
      ...(options.versionedBuckets ?? []).map((name) => ({ name: versionStoreBucket(name), configs: [] })),
    ],
  });
  // The front forwards the client's address; s3rver puts it in its events.
  s3rver.proxy = true;

  // s3rver's events do not say which request made them: remember it for the request's duration.
  // The version id the front gave a write travels as the object's metadata (the front hides it from clients).
  const currentOperation = new AsyncLocalStorage<{ operation: ObjectCreatedOperation; versionId: string }>();
  s3rver.middleware.unshift((ctx, next) => currentOperation.run({ operation: operationOf(ctx), versionId: ctx.get(VERSION_METADATA_HEADER) }, next));

  s3rver.on('event', (event) => {
    const record = event.Records[0];
    if (!record?.eventName.startsWith('ObjectCreated:')) return;
    const { bucket, object } = record.s3;
    // The front's own bookkeeping: S3 sends no event for it.
    if (isVersionStore(bucket.name)) return;
    const { operation, versionId } = currentOperation.getStore() ?? { operation: 'Put' as const, versionId: '' };
    const stored = {
      operation,
      bucket: bucket.name,
      key: object.key,
      size: object.size ?? 0,
      sourceIp: record.requestParameters.sourceIPAddress,
      ...(versionId ? { versionId } : {}),
    };
    if (object.eTag) {
      options.onObjectCreated({ ...stored, eTag: object.eTag });
      return;
    }
    // s3rver leaves the ETag out of copy events.
    s3rver.store.getMetadata(bucket.name, object.key).then(
      (metadata) => options.onObjectCreated({ ...stored, eTag: JSON.parse(metadata.etag) as string }),
      (error: Error) => options.log(`s3: no metadata for copied object ${bucket.name}/${object.key}: ${error.message}`),
    );
  });
  s3rver.on('error', (error) => {
    if (!error.status || error.status >= 500) options.log(`s3: s3rver error: ${error.stack ?? error.message}`);
  });

  const address = await s3rver.run();
  if (!options.cors.length) {
    // Drop a CORS configuration left in the data directory by an earlier run.
    await Promise.all(options.buckets.map((name) => s3rver.store.deleteSubresource(name, undefined, 'cors').catch(() => undefined)));
  }
  return { port: address.port, close: () => s3rver.close() };
}
