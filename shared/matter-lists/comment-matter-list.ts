import type { z } from 'zod';
import type { Caller } from '../identity/caller.ts';
import { conflict, notFound } from '../errors/domain-errors.ts';
import type { commentMatterListBody } from './api.ts';
import { maxComments, presentVersion } from './matter-list.ts';
import { appendComment, getVersion } from './matter-list-store.ts';

/**
 * POST /matter-lists/{department}/versions/{version}/comments: the department (on its own list) or the
 * credit office adds a comment to a version, kept with its author, role and time. Another department's list
 * is 404, as one that does not exist.
 */
export async function commentMatterList(args: { orgId: string; version: number; body: z.output<typeof commentMatterListBody>; caller: Caller; now: Date }) {
  const { orgId, version, caller } = args;
  if (caller.role !== 'creditOffice' && caller.orgId !== orgId) throw notFound(`version ${version} of the matter list of ${orgId}`);
  const role = caller.role === 'creditOffice' ? 'creditOffice' : 'department';
  const stored = await appendComment(orgId, version, { author: caller.userId, role, orgId: caller.orgId, at: args.now.toISOString(), text: args.body.text, kind: 'comment' });
  if (stored) return presentVersion(stored);
  if (!(await getVersion(orgId, version))) throw notFound(`version ${version} of the matter list of ${orgId}`);
  throw conflict(`a version keeps at most ${maxComments} comments`, 'body.text');
}
