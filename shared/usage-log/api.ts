import * as z from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const org = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be an organisation id: a department id or an institution code');

export const signedTreeHeadBody = z
  .object({
    logId: z.string().describe('usage-log:<county>'),
    org: z.string().describe('The organisation whose log it is'),
    treeSize: z.number().int(),
    rootHash: hex64.describe('RFC 9162 Merkle tree hash of the first treeSize entries'),
    timestamp: z.string(),
    keyId: z.string().describe('The kid of the signing key in the published keys (GET /public/usage-log)'),
    signature: z.string().describe('ES256 (r ‖ s, base64url) over "usage-log-head-v1\\n" logId \\n org \\n treeSize \\n rootHash \\n timestamp'),
  })
  .meta({ id: 'SignedTreeHead' });

export const inclusionPromiseBody = z
  .object({
    logId: z.string(),
    org: z.string(),
    leafHash: hex64.describe("The entry's leaf hash: SHA-256(0x00 ‖ entry bytes)"),
    timestamp: z.string(),
    keyId: z.string(),
    signature: z.string().describe('ES256 over "usage-log-promise-v1\\n" logId \\n org \\n leafHash \\n timestamp: the log promises the entry will be in a signed head'),
  })
  .meta({ id: 'InclusionPromise' });

export const logReceiptBody = z
  .object({
    entry: z.string().describe("The entry's bytes (base64): canonical JSON of the check or outcome revision as logged"),
    leafIndex: z.number().int(),
    inclusionProof: z.array(hex64),
    head: signedTreeHeadBody,
  })
  .meta({ id: 'UsageLogReceipt' });

export const entryProofBody = z
  .object({
    status: z.enum(['included', 'pending', 'unlogged']).describe('included: in a signed head, with its receipt; pending: promised, not yet in a signed head (within minutes); unlogged: logged before the log was a tree'),
    leafIndex: z.number().int().optional(),
    promise: inclusionPromiseBody.optional(),
    receipt: logReceiptBody.optional().describe('Verify it offline: npm run verify-receipt, or the public site’s page, with the published key alone'),
  })
  .meta({ id: 'UsageLogEntryProof' });

export const publishedKeyBody = z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() });

export const logListBody = z.object({
  logId: z.string(),
  headMinutes: z.number().int().describe('A head is signed at least this often, and after the log grew'),
  keys: z.array(publishedKeyBody).describe('The keys heads and promises are signed with (a JWKS)'),
  logs: z.array(z.object({ org: z.string(), head: signedTreeHeadBody.nullable() })),
});

export const orgParams = z.object({ org });
export const listHeadsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional().describe('Only heads of a smaller size (the previous page’s nextBefore)'),
});
export const headListBody = z.object({ org: z.string(), heads: z.array(signedTreeHeadBody), nextBefore: z.number().int().optional() });
export const consistencyQuery = z.object({
  first: z.coerce.number().int().min(0).describe('The size of a head you kept'),
  second: z.coerce.number().int().min(0).describe('A later size, at most the latest signed head’s'),
});
export const consistencyBody = z.object({ org: z.string(), first: z.number().int(), second: z.number().int(), consistencyProof: z.array(hex64) });
