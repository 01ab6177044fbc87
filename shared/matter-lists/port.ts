/**
 * What the matter-lists capability offers the capabilities that build on it (docs/capabilities.md): a check
 * names an item of the department's list in force; coverage counts matters per item; the assessment reads
 * whether each department filed its list and when it was first approved.
 */
import { listDepartments } from '../departments/port.ts';
import { stateOf, type MatterListInForce, type MatterListItem, type MatterListState } from './matter-list.ts';
import { allHeads, getHead } from './matter-list-store.ts';

export type { MatterListInForce, MatterListItem, MatterListState } from './matter-list.ts';

/** The department's list in force (its latest approved version), one GetItem; undefined when none was approved. */
export async function matterListInForce(orgId: string): Promise<MatterListInForce | undefined> {
  return (await getHead(orgId))?.inForce;
}

export interface MatterListStateRow {
  orgId: string;
  state: MatterListState;
  inForceVersion?: number;
  firstApprovedOn?: string;
  pendingVersion?: number;
}

/**
 * Every registered department's list state (`none` when it filed nothing), and any department that filed
 * though no longer in the register; by orgId. Two queries: the register and the heads' index.
 */
export async function matterListStates(): Promise<MatterListStateRow[]> {
  const [{ departments }, heads] = await Promise.all([listDepartments(), allHeads()]);
  const byOrg = new Map(heads.map((h) => [h.orgId, h]));
  const orgIds = [...new Set([...departments.map((d) => d.orgId), ...heads.map((h) => h.orgId)])].sort();
  return orgIds.map((orgId) => {
    const s = stateOf(byOrg.get(orgId));
    return {
      orgId,
      state: s.state,
      ...('inForceVersion' in s && s.inForceVersion !== undefined ? { inForceVersion: s.inForceVersion } : {}),
      ...('firstApprovedOn' in s && s.firstApprovedOn ? { firstApprovedOn: s.firstApprovedOn } : {}),
      ...('pendingVersion' in s && s.pendingVersion !== undefined ? { pendingVersion: s.pendingVersion } : {}),
    };
  });
}

/** The item of the list in force a check names (pure). */
export const listItemOf = (list: MatterListInForce | undefined, itemId: string): MatterListItem | undefined => list?.items.find((i) => i.itemId === itemId);
