import type { CountyConfig } from '../config/county-config.ts';
import { DuplicateListItem, validationFailed } from '../errors/domain-errors.ts';

/**
 * A department's matter list (事项清单): the matters in which it uses credit records and reports, filed with
 * and approved by the credit office (Lianjiang 001 六(一) "制定本单位在行政管理中使用信用记录和信用报告的事项
 * 清单……并报县信用办备案", Wuchang 004 二(二), Jiaxian 000 六(十二) "明确本部门查询使用信用记录和信用报告的具体事项").
 */
export interface MatterListItem {
  /** The department's own code for the matter, stable across versions (a check names it). */
  itemId: string;
  /** One of the county's matter types. */
  matterType: string;
  name: string;
  /** 设定依据. */
  legalBasis: string;
  /** 信用记录核查: a check of the subject's records is required. */
  checkRequired: boolean;
  /** 第三方信用报告: a valid credit report of a registered agency is required. */
  reportRequired: boolean;
  /** Measures of the county catalog the department applies in this matter (none: whatever the county's rules select). */
  measures: string[];
}

export type MatterListVersionState = 'submitted' | 'approved' | 'returned';
export type MatterListState = 'none' | MatterListVersionState;

/** A comment on a version, by either side; the review's comment is one too. */
export interface MatterListComment {
  author: string;
  role: 'department' | 'creditOffice';
  orgId: string;
  at: string;
  text: string;
  /** `submission`: written with the version; `review`: the office's approval or return; `comment`: any later word. */
  kind: 'submission' | 'review' | 'comment';
  decision?: 'approve' | 'return';
}

export interface MatterListVersion {
  orgId: string;
  version: number;
  items: MatterListItem[];
  state: MatterListVersionState;
  submittedAt: string;
  submittedBy: string;
  reviewedAt?: string;
  reviewedBy?: string;
  comments: MatterListComment[];
}

/** A department's list today: the state of its latest version, the version in force and the one awaiting review. */
export interface MatterListHead {
  orgId: string;
  latestVersion: number;
  state: MatterListVersionState;
  pendingVersion?: number;
  inForce?: MatterListInForce;
  /** The county-local day its first version was approved (lists on time, for the assessment). */
  firstApprovedOn?: string;
  updatedAt: string;
}

/** The latest approved version: the list in force. */
export interface MatterListInForce {
  orgId: string;
  version: number;
  approvedAt: string;
  items: MatterListItem[];
}

/** Most items one version holds (one DynamoDB item keeps the version; a department's list is tens of matters). */
export const maxListItems = 300;
/** Most comments one version keeps. */
export const maxComments = 200;

/**
 * The county's rules on a version's items (pure): each matter type is the county's, each measure is in the
 * county catalog, no item code twice. The zod schema checked the shape; a problem names its field.
 */
export function checkListItems(items: readonly MatterListItem[], county: Pick<CountyConfig, 'matterTypes' | 'measures'>, prefix = 'body.items'): void {
  const types = new Set(county.matterTypes.map((m) => m.id));
  const measures = new Set(county.measures.map((m) => m.id));
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.itemId);
    if (first !== undefined) throw new DuplicateListItem(`${prefix}.${i}.itemId: item code "${item.itemId}" is already ${prefix}.${first}.itemId: one item per code`, `${prefix}.${i}.itemId`);
    seen.set(item.itemId, i);
    if (!types.has(item.matterType)) throw validationFailed(`${prefix}.${i}.matterType`, `must be one of the county's matter types: ${[...types].join(', ')}`);
    item.measures.forEach((m, j) => {
      if (!measures.has(m)) throw validationFailed(`${prefix}.${i}.measures.${j}`, `"${m}" is not a measure of the county catalog: ${[...measures].join(', ')}`);
    });
    const twice = item.measures.findIndex((m, j) => item.measures.indexOf(m) !== j);
    if (twice >= 0) throw validationFailed(`${prefix}.${i}.measures.${twice}`, `"${item.measures[twice]}" is named twice`);
  });
}

/** What a department's list is today, from its head (none: no version filed). */
export function stateOf(head: MatterListHead | undefined) {
  if (!head) return { state: 'none' as MatterListState };
  return {
    state: head.state as MatterListState,
    latestVersion: head.latestVersion,
    ...(head.inForce ? { inForceVersion: head.inForce.version, inForceApprovedAt: head.inForce.approvedAt } : {}),
    ...(head.firstApprovedOn ? { firstApprovedOn: head.firstApprovedOn } : {}),
    ...(head.pendingVersion !== undefined ? { pendingVersion: head.pendingVersion } : {}),
  };
}

/** A version as its department and the credit office read it. */
export const presentVersion = (v: MatterListVersion) => ({
  orgId: v.orgId,
  version: v.version,
  state: v.state,
  items: v.items,
  submittedAt: v.submittedAt,
  submittedBy: v.submittedBy,
  ...(v.reviewedAt ? { reviewedAt: v.reviewedAt, reviewedBy: v.reviewedBy } : {}),
  comments: v.comments,
});
