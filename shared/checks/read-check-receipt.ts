import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { canonicalJson } from '../storage/canonical-json.ts';
import { logIdOf, logSignerFromEnv, proveEntry } from '../usage-log/port.ts';
import { readVisibleCheck } from './list-checks.ts';
import { getLoggedOutcome } from './check-store.ts';
import { presentCheck } from './present-check.ts';

/**
 * GET /checks/{id}/receipt: the check as `GET /checks/{id}` shows it (who may see it is decided there: the department
 * that ran it and the credit office; anyone else 404), and what proves it is in its department's usage log
 * (docs/usage-log.md): its entry's inclusion proof against the latest signed head (or its signed promise while the
 * sequencer has not integrated it), the same for the latest revision of its outcome, and what a verifier finds with
 * the published key. The check is read once; a few reads besides, however long the log: ≤ 2·log2(n) subtrees per proof.
 */
export async function readCheckReceipt(args: { checkId: string; caller: Caller; county: CountyConfig; now: Date }) {
  const logged = await readVisibleCheck(args);
  const check = await presentCheck(logged.entry, args);
  const { publicJwk } = await logSignerFromEnv();
  const entry = await proveEntry({ mark: logged.mark, bytes: logged.bytes, key: publicJwk });
  const problems = [...entry.problems];
  const revision = logged.entry.outcomeRevision;
  let outcome: (Awaited<ReturnType<typeof proveEntry>>['proof'] & { revision: number }) | undefined;
  if (revision !== undefined) {
    const revisionLogged = await getLoggedOutcome(args.checkId, revision);
    if (!revisionLogged) {
      // Recorded before outcomes were entries of the tree: nothing to prove (the check's own entry leaves the outcome out).
    } else {
      const proven = await proveEntry({ mark: revisionLogged.mark, bytes: revisionLogged.bytes, key: publicJwk });
      outcome = { ...proven.proof, revision };
      problems.push(...proven.problems.map((p) => `outcome revision ${revision}: ${p}`));
      if (canonicalJson(revisionLogged.outcome) !== canonicalJson(logged.entry.outcome ?? null)) problems.push(`the check's outcome is not its last logged revision (${revision})`);
    }
  }
  return {
    checkId: args.checkId,
    organisation: check.departmentOrgId,
    logId: logIdOf(args.county.id),
    entry: entry.proof,
    ...(outcome ? { outcome } : {}),
    verification: { verified: problems.length === 0, problems, verifiedAt: args.now.toISOString() },
    check,
  };
}
