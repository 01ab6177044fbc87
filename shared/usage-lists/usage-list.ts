import type { IsoDate } from '../calendar/dates.ts';
import type { CheckLogEntry } from '../checks/port.ts';

/**
 * A department's usage list (使用情况清单) for a period: one row per credit check it ran in the period,
 * in the columns of Zanhuang's template (赞皇县信用办通知 附件). Pure: built from the usage log.
 */
export interface UsageListRow {
  checkId: string;
  /** 市场主体（自然人）名称: the subject's name as the platform knows it; never an ID number of a person. */
  subjectName: string;
  /** 行政管理事项名称: the matter, with its type, the department's reference and, when a system ran the check, the system (经办系统). */
  matter: string;
  /** The department's system that ran the check (a machine client), when not a person. */
  system?: string;
  /** 日期: the county-local day of the check. */
  date: IsoDate;
  /** 使用信用记录或报告情况: the recorded usage, or `未记录使用情况`. */
  usage: string;
  /** 使用的激励或惩戒措施: the measures applied, `无` when none, `未记录` without an outcome. */
  measures: string;
  outcomeRecorded: boolean;
}

export interface UsageListCounts {
  checks: number;
  withOutcome: number;
  withoutOutcome: number;
}

export const noOutcomeUsage = '未记录使用情况';
export const noOutcomeMeasures = '未记录';
export const noMeasures = '无';

export function usageListRow(check: CheckLogEntry): UsageListRow {
  const { outcome } = check;
  return {
    checkId: check.checkId,
    subjectName: subjectNameOf(check.subject),
    // The template has no column for the system: it goes with the matter, as the clerk's reference does.
    matter: `${check.matter.name}（${check.matter.typeName}，编号 ${check.matter.reference}${check.system ? `，经办系统 ${check.system.name}` : ''}）`,
    ...(check.system ? { system: check.system.name } : {}),
    date: check.checkedOn,
    usage: outcome ? outcome.usage : noOutcomeUsage,
    measures: !outcome ? noOutcomeMeasures : outcome.appliedMeasures.length ? outcome.appliedMeasures.map((m) => m.name).join('；') : noMeasures,
    outcomeRecorded: outcome !== null,
  };
}

export function countRows(rows: readonly UsageListRow[]): UsageListCounts {
  const withOutcome = rows.filter((r) => r.outcomeRecorded).length;
  return { checks: rows.length, withOutcome, withoutOutcome: rows.length - withOutcome };
}

/**
 * The name of the subject; a subject the platform holds no record of has no name: a legal person is
 * then named by its USCC (public by law), a natural person only as such (a resident ID is personal data).
 */
function subjectNameOf(subject: CheckLogEntry['subject']): string {
  if (subject.name) return subject.name;
  return subject.type === 'uscc' ? `未登记主体（统一社会信用代码 ${subject.id}）` : '未登记的自然人';
}
