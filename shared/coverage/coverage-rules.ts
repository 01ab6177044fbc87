import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { CheckLogEntry } from '../checks/port.ts';
import { maskPersonName } from '../privacy/person-name-mask.ts';
import type { StoredMatter } from './matter-handled.ts';

/**
 * The rules of coverage and accountability, pure: plain data in (a department's list items, its matters of a
 * month, its checks of the month and the lookback before it), plain data out. No clock, no store.
 */

/** What the rules read of an item of the department's matter list in force (shared/matter-lists). */
export interface CoverageListItem {
  itemId: string;
  name: string;
  checkRequired: boolean;
}

export interface ItemCoverage {
  itemId: string;
  name: string;
  handled: number;
  checked: number;
  /** checked ÷ handled; null when nothing was handled. */
  coverage: number | null;
  /** false: matters named an item the department's list in force does not hold (counted under its id, flagged). */
  inList: boolean;
}

export interface DepartmentCoverage {
  orgId: string;
  name: string;
  handled: number;
  checked: number;
  coverage: number | null;
  items: ItemCoverage[];
}

export type AccountabilityKind = 'decidedWithoutCheck' | 'punishmentUnexplained';

/** One candidate for accountability (责任追究, 000 六(十四)): what was decided or offered, and what is missing, in Chinese. */
export interface AccountabilityCandidate {
  orgId: string;
  department: string;
  kind: AccountabilityKind;
  reference: string;
  matterName: string;
  /** The subject as the office's list shows it: an organisation by name and code, a person by masked name and masked number. */
  subject: string;
  date: IsoDate;
  detail: string;
  checkId?: string;
  itemId?: string;
}

export const accountabilityKindLabels: Record<AccountabilityKind, string> = {
  decidedWithoutCheck: '未核查即办结',
  punishmentUnexplained: '惩戒措施未适用也未说明理由',
};

export const ratio = (checked: number, handled: number): number | null => (handled === 0 ? null : checked / handled);

/**
 * The check that covers a matter, if any: a check the department logged of the same subject, on or before the
 * decision day and at most `lookbackDays` before it, that names the same list item or the same case number, or
 * that the matter itself names (`checkId`). An institution's query is never a department's check.
 */
export function coveringCheck(matter: StoredMatter, checks: readonly CheckLogEntry[], lookbackDays: number): CheckLogEntry | undefined {
  const earliest = addDays(matter.decidedOn, -lookbackDays);
  const inWindow = checks.filter(
    (c) => c.kind !== 'query' && c.departmentOrgId === matter.departmentOrgId && c.subject.id === matter.subject.id && c.checkedOn <= matter.decidedOn && c.checkedOn >= earliest,
  );
  return (
    (matter.checkId ? inWindow.find((c) => c.checkId === matter.checkId) : undefined) ??
    inWindow.find((c) => c.matter.listItem?.itemId === matter.itemId) ??
    inWindow.find((c) => c.matter.reference === matter.reference)
  );
}

/** Coverage of one department's month, per item of its list in force (items with nothing handled too) and per item its matters named outside the list. */
export function departmentCoverage(args: {
  orgId: string;
  name: string;
  items: readonly CoverageListItem[];
  matters: readonly StoredMatter[];
  checks: readonly CheckLogEntry[];
  lookbackDays: number;
}): DepartmentCoverage {
  const rows = new Map<string, ItemCoverage>();
  for (const item of args.items) rows.set(item.itemId, { itemId: item.itemId, name: item.name, handled: 0, checked: 0, coverage: null, inList: true });
  const unknown: ItemCoverage[] = [];
  for (const matter of args.matters) {
    let row = rows.get(matter.itemId);
    if (!row) {
      row = { itemId: matter.itemId, name: `清单外事项（${matter.itemId}）`, handled: 0, checked: 0, coverage: null, inList: false };
      rows.set(matter.itemId, row);
      unknown.push(row);
    }
    row.handled += 1;
    if (coveringCheck(matter, args.checks, args.lookbackDays)) row.checked += 1;
  }
  const items = [...rows.values()].map((r) => ({ ...r, coverage: ratio(r.checked, r.handled) }));
  const inList = items.filter((r) => r.inList);
  const outside = items.filter((r) => !r.inList).sort((a, b) => a.itemId.localeCompare(b.itemId));
  const handled = items.reduce((n, r) => n + r.handled, 0);
  const checked = items.reduce((n, r) => n + r.checked, 0);
  return { orgId: args.orgId, name: args.name, handled, checked, coverage: ratio(checked, handled), items: [...inList, ...outside] };
}

/** How the office's list shows a subject: a person's name and number masked, an organisation by name and code. */
export function subjectShown(subject: { type: 'uscc' | 'residentId'; maskedId?: string; id: string; name: string | null }): string {
  if (subject.type === 'residentId') return `${subject.name ? maskPersonName(subject.name) : '（姓名不详）'}（${subject.maskedId ?? '身份证号已隐去'}）`;
  return `${subject.name ?? '（名称不详）'}（${subject.maskedId ?? subject.id}）`;
}

/**
 * The accountability candidates of a department's month: (a) matters decided in the month, under an item its
 * list says requires a check, with no covering check; (b) checks run in the month whose outcome neither applied
 * nor explained (`notAppliedMeasures`) a punishment the check offered (a punishment suspended while under
 * objection was not offered to apply).
 */
export function accountabilityCandidates(args: {
  orgId: string;
  department: string;
  month: { first: IsoDate; last: IsoDate };
  items: readonly CoverageListItem[];
  matters: readonly StoredMatter[];
  checks: readonly CheckLogEntry[];
  lookbackDays: number;
}): AccountabilityCandidate[] {
  const byId = new Map(args.items.map((i) => [i.itemId, i]));
  const candidates: AccountabilityCandidate[] = [];
  for (const matter of args.matters) {
    const item = byId.get(matter.itemId);
    if (!item?.checkRequired || coveringCheck(matter, args.checks, args.lookbackDays)) continue;
    const named = matter.checkId ? `；报送的核查编号 ${matter.checkId} 不是该主体在办结前 ${args.lookbackDays} 日内的核查` : '';
    candidates.push({
      orgId: args.orgId,
      department: args.department,
      kind: 'decidedWithoutCheck',
      reference: matter.reference,
      matterName: item.name,
      subject: subjectShown(matter.subject),
      date: matter.decidedOn,
      detail: `事项清单要求办理前核查信用记录，该办件于 ${matter.decidedOn} 办结，办结前 ${args.lookbackDays} 日内未见对该主体的信用核查${named}`,
      ...(matter.checkId ? { checkId: matter.checkId } : {}),
      itemId: matter.itemId,
    });
  }
  for (const check of args.checks) {
    if (check.kind === 'query' || check.checkedOn < args.month.first || check.checkedOn > args.month.last) continue;
    const missing = unexplainedPunishments(check);
    if (missing.length === 0) continue;
    const names = missing.map((m) => `「${m.name}」`).join('、');
    candidates.push({
      orgId: args.orgId,
      department: args.department,
      kind: 'punishmentUnexplained',
      reference: check.matter.reference,
      matterName: check.matter.name,
      subject: subjectShown(check.subject),
      date: check.checkedOn,
      detail: check.outcome
        ? `核查提示的失信惩戒措施${names}既未适用，也未说明不予适用的理由`
        : `核查提示了失信惩戒措施${names}，尚未登记核查结果，未说明是否适用`,
      checkId: check.checkId,
      ...(check.matter.listItem ? { itemId: check.matter.listItem.itemId } : {}),
    });
  }
  return candidates.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.reference.localeCompare(b.reference));
}

/** The punishments a check offered (in force, not suspended) that its outcome neither applied nor explained. */
export function unexplainedPunishments(check: CheckLogEntry): Array<{ measureId: string; name: string }> {
  const applied = new Set(check.outcome?.appliedMeasures.map((m) => m.measureId) ?? []);
  const explained = new Set(check.outcome?.notAppliedMeasures?.filter((m) => m.reason.trim() !== '').map((m) => m.measureId) ?? []);
  return check.measures.filter((m) => m.kind === 'punishment' && !m.suspended && !applied.has(m.measureId) && !explained.has(m.measureId)).map((m) => ({ measureId: m.measureId, name: m.name }));
}
