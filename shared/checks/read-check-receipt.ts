import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { readCheck } from './list-checks.ts';
import { chainReceipt } from './chain-receipt.ts';
import { readChain, readCheckItems, readLastLink } from './chain-store.ts';

/** Reads of the chain when it moved while it was read (an outcome recorded between the links and the items). */
const maxReads = 3;

/**
 * GET /checks/{id}/receipt: the check as `GET /checks/{id}` shows it (who may see it is decided there:
 * the department that ran it and the credit office; anyone else 404), its place in its department's chain,
 * and a verification of that whole chain: every link (one query, every page) and the checks they name
 * (BatchGet), recomputed. Problems found while the chain grew are read again, so an append racing the
 * read is not reported as tampering.
 */
export async function readCheckReceipt(args: { checkId: string; caller: Caller; county: CountyConfig; now: Date }) {
  const check = await readCheck(args);
  const organisation = check.departmentOrgId;
  for (let read = 1; ; read += 1) {
    const links = await readChain(organisation);
    const entries = await readCheckItems([args.checkId, ...links.map((l) => l.checkId)]);
    const receipt = chainReceipt({ checkId: args.checkId, organisation, links, entries, now: args.now });
    if (receipt.verification.verified || read >= maxReads) return { ...receipt, check };
    const last = await readLastLink(organisation);
    if ((last?.seq ?? 0) === (receipt.head?.position ?? 0)) return { ...receipt, check };
  }
}
