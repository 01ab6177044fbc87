import { randomBytes } from 'node:crypto';

/**
 * Versioning for the buckets that have it on AWS (the reports bucket), which s3rver lacks. The front
 * gives each write a version id and stores its bytes twice: under the key (the current version, what
 * s3rver serves) and under `<versionId>/<key>` in a version store, a bucket of its own that no client
 * reaches and whose writes send no events, so listings show current keys only. GET and HEAD with
 * `versionId` are served from the store; events and answers carry `versionId`. Not emulated: delete
 * markers (a delete removes the current key, the versions stay), ListObjectVersions, copies and
 * multipart uploads into a versioned bucket (refused as not implemented).
 */

const STORE_SUFFIX = '.emulator-versions';

export const versionStoreBucket = (bucket: string) => `${bucket}${STORE_SUFFIX}`;
export const isVersionStore = (bucket: string) => bucket.endsWith(STORE_SUFFIX);
export const versionKey = (key: string, versionId: string) => `${versionId}/${key}`;

/** Where the front keeps an object's version id in s3rver: user metadata that clients never see or set. */
export const VERSION_METADATA_HEADER = 'x-amz-meta-s3-emulator-version-id';

/** 32 URL-safe characters, as S3's version ids look. */
export const newVersionId = () => randomBytes(24).toString('base64url');
export const isVersionId = (value: string) => /^[A-Za-z0-9_-]{32}$/.test(value);
