import type { z } from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { conflict, MatterListPending } from '../errors/domain-errors.ts';
import { idempotentId, requestHash, requireSameRequest } from '../http/idempotency.ts';
import type { submitMatterListBody } from './api.ts';
import { checkListItems, presentVersion, type MatterListVersion } from './matter-list.ts';
import { getHead, getSubmission, getVersion, putSubmittedVersion } from './matter-list-store.ts';

/**
 * POST /matter-lists: a department submits a whole version of its matter list to the credit office. The
 * items follow the county's rules (matter types, measures, one item per code); one version at a time awaits
 * review (409 MATTER_LIST_PENDING). With an Idempotency-Key, the same key and body answer the version first
 * made (`repeated`), another body under it is 409.
 */
export async function submitMatterList(args: { body: z.output<typeof submitMatterListBody>; caller: Caller; county: CountyConfig; now: Date; idempotencyKey?: string }) {
  const { body, caller, now } = args;
  checkListItems(body.items, args.county);
  const submission = args.idempotencyKey !== undefined ? { id: idempotentId('mls_', caller.orgId, args.idempotencyKey), bodyHash: requestHash(body) } : undefined;
  const repeat = async () => {
    const mark = submission && (await getSubmission(caller.orgId, submission.id));
    if (!mark) return undefined;
    requireSameRequest(mark.bodyHash, submission.bodyHash);
    return { repeated: true, version: presentVersion((await getVersion(caller.orgId, mark.version))!) };
  };
  const first = await repeat();
  if (first) return first;

  const head = await getHead(caller.orgId);
  if (head?.pendingVersion !== undefined) throw new MatterListPending(`version ${head.pendingVersion} of the matter list awaits the credit office's review: a new version may be submitted once it is approved or returned`);
  const at = now.toISOString();
  const version: MatterListVersion = {
    orgId: caller.orgId,
    version: (head?.latestVersion ?? 0) + 1,
    items: body.items,
    state: 'submitted',
    submittedAt: at,
    submittedBy: caller.userId,
    comments: body.comment ? [{ author: caller.userId, role: 'department', orgId: caller.orgId, at, text: body.comment, kind: 'submission' }] : [],
  };
  if (await putSubmittedVersion(version, head, submission)) return { repeated: false, version: presentVersion(version) };
  // The same request at once (its key), or another submission or a review meanwhile.
  const raced = await repeat();
  if (raced) return raced;
  throw conflict('the matter list changed meanwhile (another version was submitted or reviewed): read it and submit again', 'body.items');
}
