import type { CountyConfig } from '../config/county-config.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { Notice } from '../notices/port.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { caseTypeLabels, outcomeLabels, type StoredCase } from './case.ts';

/**
 * The notices a case sends, one builder per moment (pure). Each is idempotent through its `about`:
 * a retried task publishes nothing twice. None carries a resident ID number: a person is addressed by
 * the masked number, and named by name.
 */

const what = (c: StoredCase) => `${caseTypeLabels[c.caseType]}（案件 ${c.caseId}，记录 ${c.decisionNumber}，主体 ${c.subjectName}）`;

/** Who the subject is, as an addressee: its credit code, or a person's masked ID number (a case stored before sealing: its number, masked). */
export const subjectAddressee = (c: Pick<StoredCase, 'subjectId' | 'subjectType' | 'subjectMaskedId'>) =>
  c.subjectType === 'residentId' ? (c.subjectMaskedId ?? maskResidentId(c.subjectId)) : c.subjectId;

export function caseOpenedNotice(c: StoredCase, answerBy: IsoDate, county: CountyConfig, date: IsoDate): Notice {
  const task = c.caseType === 'objection' ? '核查该信息并答复（维持、更正或撤销）' : '审核该信用修复申请并作出决定（同意或不予修复）';
  return {
    kind: 'case-opened',
    about: c.caseId,
    addressee: c.providerOrgId,
    date,
    title: `请核查${caseTypeLabels[c.caseType]}：${c.decisionNumber}`,
    text:
      `${what(c)}已受理。请于 ${answerBy} 前（${county.deadlines.objectionAnswerWorkingDays}个工作日内）${task}。` +
      (c.caseType === 'objection' ? '核查期间，依据该记录的联合惩戒措施暂停执行（法律法规另有规定的除外）。' : ''),
  };
}

export function caseReminderNotice(c: StoredCase, answerBy: IsoDate, date: IsoDate): Notice {
  return {
    kind: 'case-reminder',
    about: `${c.caseId}#${date}`,
    addressee: c.providerOrgId,
    date,
    title: `答复提醒：${c.decisionNumber}（${answerBy} 到期）`,
    text: `${what(c)}尚未答复，答复期限为 ${answerBy}。`,
  };
}

/**
 * The answer day passed unanswered: the credit office (about the case id: the workflow and the overdue
 * scan publish it once between them) and the provider are told. Not public: an objection or repair is
 * the subject's own matter.
 */
export function caseOverdueNotices(c: StoredCase, answerBy: IsoDate, county: CountyConfig, date: IsoDate): Notice[] {
  const kind = 'verification-overdue';
  const title = `${caseTypeLabels[c.caseType]}核查逾期：${c.providerOrgId}`;
  const suspended = c.caseType === 'objection' ? '答复前，依据该记录的惩戒措施继续暂停执行。' : '';
  const days = county.deadlines.objectionAnswerWorkingDays;
  return [
    { kind, about: c.caseId, addressee: 'creditOffice', date, title, text: `信息提供单位 ${c.providerOrgId} 未在 ${answerBy} 前（${days}个工作日）答复${what(c)}。${suspended}` },
    {
      kind,
      about: `${c.providerOrgId}#${c.caseId}`,
      addressee: c.providerOrgId,
      date,
      title,
      text: `贵单位未在 ${answerBy} 前（${days}个工作日）答复${what(c)}，已逾期，请即答复。${suspended}`,
    },
  ];
}

/** Still unanswered some working days after the answer day: the credit office and the provider again, not in public. */
export function caseEscalationNotices(c: StoredCase, answerBy: IsoDate, date: IsoDate): Notice[] {
  const kind = 'case-escalation';
  const title = `督办：${c.providerOrgId} 仍未答复${caseTypeLabels[c.caseType]}`;
  return [
    { kind, about: `${c.caseId}#${date}`, addressee: 'creditOffice', date, title, text: `${what(c)}的答复期限 ${answerBy} 已过，信息提供单位 ${c.providerOrgId} 仍未答复，请督促办理。` },
    { kind, about: `${c.providerOrgId}#${c.caseId}#${date}`, addressee: c.providerOrgId, date, title, text: `${what(c)}的答复期限 ${answerBy} 已过，贵单位仍未答复，请即答复。` },
  ];
}

export function caseDecidedNotice(c: StoredCase, date: IsoDate): Notice {
  const outcome = c.answer ? outcomeLabels[c.answer.outcome] : '';
  return {
    kind: 'case-decided',
    about: c.caseId,
    addressee: subjectAddressee(c),
    ...(c.subjectType === 'residentId' ? { addresseeKey: c.subjectId } : {}),
    date,
    title: `${caseTypeLabels[c.caseType]}处理结果：${outcome}`,
    text:
      `您提出的${what(c)}已由 ${c.providerOrgId} 办结：${outcome}。理由：${c.answer?.reasoning ?? ''}` +
      (c.applied?.commitmentRecordId ? `。您的信用承诺已随信用修复公示（信用记录 ${c.applied.commitmentRecordId}）。` : ''),
  };
}

export function caseStuckNotice(c: StoredCase, error: string, date: IsoDate): Notice {
  return {
    kind: 'case-stuck',
    about: c.caseId,
    addressee: 'creditOffice',
    date,
    title: `${caseTypeLabels[c.caseType]}流程异常：${c.caseId}`,
    text: `${what(c)}的核查流程在重试后仍失败（${error}），案件已保留${c.caseType === 'objection' ? '，相关惩戒措施继续暂停' : ''}，请处理。`,
  };
}

const stateLabels: Record<string, string> = { verifying: '核查中', overdue: '逾期未答复', answered: '已答复待生效' };
const executionLabels: Record<string, string> = {
  SUCCEEDED: '已结束',
  FAILED: '已失败',
  TIMED_OUT: '已超时',
  ABORTED: '已被中止',
  MISSING: '不存在',
};
const refusalLabels: Record<string, string> = {
  executionFailed: '流程失败且未能标记案件',
  goneAgain: '前次自动恢复后流程再次中断',
  startFailed: '无法启动新的流程',
};

/** The daily reconciliation found a case in flight whose workflow execution is gone and could not take it up again. */
export function caseReconciliationNotice(c: StoredCase, found: { state: string; execution: string; reason?: string }, date: IsoDate): Notice {
  return {
    kind: 'case-reconciliation',
    about: `${c.caseId}#${date}`,
    addressee: 'creditOffice',
    date,
    title: `${caseTypeLabels[c.caseType]}流程与案件状态不符：${c.caseId}`,
    text:
      `${what(c)}${stateLabels[found.state] ?? found.state}，但其核查流程${executionLabels[found.execution] ?? found.execution}` +
      `${found.reason ? `（${refusalLabels[found.reason] ?? found.reason}）` : ''}。案件已标记为处理受阻并保留${c.caseType === 'objection' ? '，相关惩戒措施继续暂停' : ''}，请排除故障后重新启动。`,
  };
}
