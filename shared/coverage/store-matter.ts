import type { Caller } from '../identity/caller.ts';
import { protectSubjectId } from '../privacy/personal-ids.ts';
import type { MatterInput } from './api.ts';
import { putMatter } from './matter-store.ts';

/** Stores one matter as reported (the subject kept as a check keeps it: key, masked, a person's number sealed); a second report of its reference updates it. */
export async function storeMatter(input: MatterInput, via: 'api' | 'upload', caller: Caller, now: Date) {
  const who = await protectSubjectId(input.subjectId);
  return putMatter({
    departmentOrgId: caller.orgId,
    reference: input.reference,
    itemId: input.itemId,
    subject: { id: who.key, type: input.subjectId.type, maskedId: who.masked, ...(who.sealed ? { sealedId: who.sealed } : {}), name: input.subjectName },
    decidedOn: input.decidedOn,
    ...(input.decision ? { decision: input.decision } : {}),
    ...(input.checkId ? { checkId: input.checkId } : {}),
    via,
    ...(caller.system ? { system: caller.system } : {}),
    reportedAt: now.toISOString(),
    reportedBy: caller.userId,
  });
}
