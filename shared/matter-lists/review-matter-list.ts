import type { z } from 'zod';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { MatterListNotPending, notFound } from '../errors/domain-errors.ts';
import type { reviewMatterListBody } from './api.ts';
import { presentVersion, type MatterListComment } from './matter-list.ts';
import { getVersion, storeReview } from './matter-list-store.ts';

/**
 * POST /matter-lists/{department}/versions/{version}/review: the credit office approves the version awaiting
 * review (it becomes the list in force, the checks' from then on) or returns it with a comment. Only the version
 * awaiting review (409 MATTER_LIST_NOT_PENDING).
 */
export async function reviewMatterList(args: { orgId: string; version: number; body: z.output<typeof reviewMatterListBody>; caller: Caller; county: CountyConfig; now: Date }) {
  const { orgId, version, body, caller, now } = args;
  const stored = await getVersion(orgId, version);
  if (!stored) throw notFound(`version ${version} of the matter list of ${orgId}`);
  const notPending = () => new MatterListNotPending(`version ${version} is ${stored.state === 'submitted' ? 'no longer' : stored.state === 'approved' ? 'approved already, not' : 'returned already, not'} awaiting review`);
  if (stored.state !== 'submitted') throw notPending();
  const at = now.toISOString();
  const comment: MatterListComment = {
    author: caller.userId,
    role: 'creditOffice',
    orgId: caller.orgId,
    at,
    text: body.comment ?? '审核通过',
    kind: 'review',
    decision: body.decision,
  };
  const approve = body.decision === 'approve';
  const ok = await storeReview({
    orgId,
    version,
    decision: body.decision,
    comment,
    reviewedBy: caller.userId,
    at,
    ...(approve ? { inForce: { orgId, version, approvedAt: at, items: stored.items }, approvedOn: localDate(now, args.county.timeZone) } : {}),
  });
  if (!ok) throw notPending();
  return presentVersion((await getVersion(orgId, version))!);
}
