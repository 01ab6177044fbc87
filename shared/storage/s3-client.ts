import { S3Client } from '@aws-sdk/client-s3';
import { lazyClient } from './lazy-client.ts';

// Checksums only when required: the default adds CRC32 framing that presigned URLs and some
// S3-compatible servers mishandle; S3 itself still verifies Content-MD5/ETag where required.
export const s3 = lazyClient(() => new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }));
