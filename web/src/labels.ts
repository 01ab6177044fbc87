import { blackListNames } from '../../shared/config/list-names.ts';
import { penaltyCategoryLabels, recordKindLabels } from '../../shared/config/record-kinds.ts';

export { recordKindLabels };

export const statusLabels: Record<string, string> = {
  active: '有效',
  underObjection: '异议处理中',
  corrected: '已更正',
  revoked: '已撤销',
  repaired: '已信用修复',
  expired: '公示期满',
};

export const roleLabels: Record<string, string> = {
  department: '部门',
  agency: '信用服务机构',
  subject: '信用主体',
  creditOffice: '信用办',
  institution: '金融机构/企业',
};

export const decisionLabels: Record<string, string> = {
  approved: '准予/通过',
  approvedWithConditions: '附条件通过',
  rejected: '不予通过',
  pending: '待定',
  other: '其他',
};

export const caseStateLabels: Record<string, string> = {
  verifying: '核查中',
  answered: '已答复',
  overdue: '逾期未答复',
  closed: '已办结',
  stuck: '处理受阻',
};

export const uploadStateLabels: Record<string, string> = { pending: '待检查', accepted: '已接收', rejected: '已拒收' };

export const usageListStateLabels: Record<string, string> = {
  submittedOnTime: '按时报送',
  submittedLate: '逾期报送',
  notSubmitted: '未报送（未到期）',
  overdue: '逾期未报送',
};

export const failingLabels: Record<string, string> = {
  usageListMissing: '清单未报送',
  usageListLate: '清单逾期',
  overdueAnswers: '异议逾期未答复',
  latePublications: '逾期公示',
  outcomesMissing: '核查结果未登记',
};

const contentLabels: Record<string, string> = {
  licenceDocumentName: '许可决定文书名称',
  licenceCategory: '许可类别',
  certificateName: '许可证书名称',
  certificateNumber: '许可编号',
  licenceContent: '许可内容',
  validFrom: '有效期自',
  validTo: '有效期至',
  violationType: '违法行为类型',
  facts: '违法事实',
  legalBasis: '依据',
  penaltyCategoryLabels: '处罚类别',
  penaltyContent: '处罚内容',
  fineAmountYuan: '罚款金额（元）',
  confiscationAmountYuan: '没收金额（元）',
  content: '内容',
  court: '法院',
  caseNumber: '案号',
  obligation: '生效法律文书确定的义务',
  performanceStatus: '履行情况',
  listedUntil: '列入期限至',
  commitmentType: '承诺类型',
  breachFacts: '违诺事实',
  listLabel: '名单',
  listingBasis: '列入依据',
};

const performance: Record<string, string> = { unperformed: '全部未履行', partlyPerformed: '部分未履行' };

/** A record's public content as label → text rows, in a stable order. */
export function contentRows(content: Record<string, unknown>): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, label] of Object.entries(contentLabels)) {
    const value = content[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'listLabel' || (key === 'listName' && content.listLabel)) continue;
    rows.push([label, key === 'performanceStatus' ? (performance[String(value)] ?? String(value)) : Array.isArray(value) ? value.join('、') : String(value)]);
  }
  if (typeof content.listName === 'string') rows.unshift(['名单', String(content.listLabel ?? blackListNames[content.listName as keyof typeof blackListNames] ?? content.listName)]);
  return rows;
}

export const penaltyLabels = penaltyCategoryLabels;

/** The last day of publicity as shown: a date, or “至撤销、修复或移出名单” when it has none. */
export const publicityEnd = (publicUntil: string | null | undefined): string => publicUntil ?? '长期（至撤销、修复或移出名单）';

export const caseEventLabels: Record<string, string> = {
  raised: '提出异议',
  opened: '受理，通知提供部门核查',
  reminded: '提醒提供部门',
  overdue: '答复逾期，已通报信用办',
  escalated: '督办',
  answered: '提供部门答复',
  applied: '处理结果已生效',
  closed: '办结，已告知主体',
  subjectTold: '办结，已告知主体',
  stuck: '处理受阻，信用办处理中',
  restarted: '信用办重新启动处理',
  resumed: '处理流程已恢复',
  evidenceAdded: '补充证明材料',
};

export const consentStatusLabels: Record<string, string> = { live: '有效', revoked: '已撤回', expired: '已过期' };

/* Issue 16: the credit office's and the institution's pages. */
export const caseTypeLabels: Record<string, string> = { objection: '异议申诉', repair: '信用修复申请' };

export const agencyStatusLabels: Record<string, string> = { active: '有效', suspended: '暂停', revoked: '撤销' };

export const reportStatusLabels: Record<string, string> = { valid: '有效', expired: '已过期', voided: '已作废' };

/** The kinds of notice the platform publishes (shared/*: the overdue scan, the case workflow, usage lists, corrections, the calendar check). */
export const noticeKindLabels: Record<string, string> = {
  'late-publication': '逾期公示',
  'verification-overdue': '异议/修复逾期未答复',
  'case-escalation': '督办',
  'case-opened': '异议/修复受理',
  'case-reminder': '答复提醒',
  'case-decided': '异议/修复办结',
  'case-stuck': '处理流程受阻',
  'case-reconciliation': '处理流程核对',
  'record-correction': '记录更正',
  'usage-list-missing': '清单未报送',
  'usage-list-reminder': '清单报送提醒',
  'report-expiring': '报告即将过期',
  'report-expired': '报告已过期',
  'publicity-ended': '公示期满',
  'calendar-year-missing': '节假日数据缺失',
  'commitment-due': '信用承诺即将到期',
  'commitment-overdue': '信用承诺到期未登记结果',
  'commitment-overdue-office': '部门信用承诺到期未跟踪',
};

/** Why a consented query or report was refused (403, shared/consents/consent-rule.ts), as the institution reads it. */
export const queryRefusalLabels: Record<string, string> = {
  CONSENT_REQUIRED: '没有该主体以此授权编号向本机构作出的授权：请核对主体代码和授权编号。',
  CONSENT_REVOKED: '该授权已被主体撤回，不能再查询。',
  CONSENT_EXPIRED: '该授权已过有效期，不能再查询；请主体重新授权。',
  OUT_OF_SCOPE: '查询内容超出授权范围（公共信用信息报告须授权查询全部类别的信用记录）。',
};
