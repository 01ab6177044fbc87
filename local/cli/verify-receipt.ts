import { readFileSync } from 'node:fs';
import type { JsonWebKey } from 'node:crypto';
import { verifyReceipt, type Receipt, type Signed, type TreeHead } from '../../shared/usage-log/tree-head.ts';
import { parseCli } from './args.ts';

/**
 * `npm run verify-receipt -- <receipt.json> --keys <jwks.json> [--kept <head.json> --consistency <proof.json>]`:
 * checks a usage-log receipt offline (docs/usage-log.md) from the published key alone — the head's signature, the
 * entry's inclusion in it, and with a head the reader kept, that the log only grew since. Exit 0 when it holds, 1
 * with each problem when it does not, 2 on a usage error.
 */
const usage = 'usage: npm run verify-receipt -- <receipt.json> --keys <jwks.json> [--kept <head.json> --consistency <proof.json>]';

export function verifyReceiptFiles(args: { receipt: string; keys: string; kept?: string; consistency?: string }, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const receipt = JSON.parse(read(args.receipt)) as Receipt;
  const jwks = JSON.parse(read(args.keys)) as { keys: (JsonWebKey & { kid: string })[] };
  const keys = jwks.keys.map(({ kid, ...jwk }) => ({ keyId: kid, jwk }));
  const kept = args.kept ? { head: JSON.parse(read(args.kept)) as Signed<TreeHead>, consistencyProof: args.consistency ? (JSON.parse(read(args.consistency)) as string[]) : [] } : undefined;
  return verifyReceipt({ receipt, keys, ...(kept ? { kept } : {}) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseCli({ keys: { type: 'string' }, kept: { type: 'string' }, consistency: { type: 'string' } }, usage);
  if (positionals.length !== 1 || !values.keys) {
    console.error(usage);
    process.exit(2);
  }
  const problems = verifyReceiptFiles({ receipt: positionals[0]!, keys: values.keys, ...(values.kept ? { kept: values.kept } : {}), ...(values.consistency ? { consistency: values.consistency } : {}) });
  if (problems.length === 0) console.log('verified: the entry is in the signed head' + (values.kept ? ', and the log only grew since the kept head' : ''));
  else for (const p of problems) console.error(`NOT VERIFIED: ${p}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
