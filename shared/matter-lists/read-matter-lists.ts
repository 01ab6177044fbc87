import type { z } from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { forbidden, notFound } from '../errors/domain-errors.ts';
import { getDepartment, listDepartments } from '../departments/port.ts';
import type { listMatterListsQuery } from './api.ts';
import { presentVersion, stateOf } from './matter-list.ts';
import { allHeads, getHead, versionsOf } from './matter-list-store.ts';

/**
 * GET /matter-lists: the credit office sees every registered department's list state (none, submitted,
 * approved, returned; the version in force, the one pending), or one department's; a department its own.
 */
export async function listMatterLists(args: { query: z.output<typeof listMatterListsQuery>; caller: Caller }) {
  const { query, caller } = args;
  if (caller.role === 'department') {
    if (query.department !== undefined && query.department !== caller.orgId) throw forbidden('a department reads its own matter list only');
    const [head, department] = await Promise.all([getHead(caller.orgId), getDepartment(caller.orgId)]);
    return { lists: [{ orgId: caller.orgId, ...(department ? { name: department.name } : {}), ...stateOf(head) }] };
  }
  const [{ departments }, heads] = await Promise.all([listDepartments(), allHeads()]);
  const names = new Map(departments.map((d) => [d.orgId, d.name]));
  const byOrg = new Map(heads.map((h) => [h.orgId, h]));
  const orgIds = query.department !== undefined ? [query.department] : [...new Set([...names.keys(), ...byOrg.keys()])].sort();
  return { lists: orgIds.map((orgId) => ({ orgId, ...(names.has(orgId) ? { name: names.get(orgId)! } : {}), ...stateOf(byOrg.get(orgId)) })) };
}

/**
 * GET /matter-lists/{department}: one department's list state and every version with its items and comments,
 * newest first, with the county's measures an item may name; the department its own (another's: 404), the
 * credit office any.
 */
export async function departmentMatterList(args: { orgId: string; caller: Caller; county: CountyConfig }) {
  const { orgId, caller } = args;
  if (caller.role !== 'creditOffice' && caller.orgId !== orgId) throw notFound(`the matter list of ${orgId}`);
  const [head, versions, department] = await Promise.all([getHead(orgId), versionsOf(orgId), getDepartment(orgId)]);
  return {
    orgId,
    ...(department ? { name: department.name } : {}),
    ...stateOf(head),
    versions: versions.reverse().map(presentVersion),
    // What an item may name: the county's measures (its matter types are in GET /public/county).
    catalogMeasures: args.county.measures.map(({ id, name, kind }) => ({ id, name, kind })),
  };
}
