/**
 * What a monthly bulletin (月通报) says, assembled once from the supervision facts of a month
 * (compliance, coverage, assessment, accountability) and the text the credit office adds; the PDF, the
 * workbook and the console's charts are all drawn from this one object.
 */
export interface BulletinContent {
  county: { id: string; name: string; creditOfficeName: string; siteName: string };
  /** The month reported on, `YYYY-MM`. */
  month: string;
  /** e.g. 郏县2026年11月信用信息应用情况通报 */
  title: string;
  state: 'draft' | 'published';
  /** Set when published: the county-local day. */
  publishedOn?: string;
  /** The county-local day the figures were read. */
  asOf: string;
  /** The office's own text, paragraphs in order (empty before the office writes any). */
  officeText: string[];
  /** Bodies the bulletin is reported to (报送), where the county's notice says so (Zanhuang: 县委、县政府). */
  reportedTo?: string[];
  /** One row per registered department, best score first. */
  departments: BulletinDepartmentRow[];
  /** The months before and including `month` (oldest first, at most 12), the county's totals each month. */
  trend: BulletinTrendPoint[];
  /** 责任追究: matters decided without a check, punishments offered and neither applied nor explained. */
  accountability: BulletinAccountabilityRow[];
  /** How the scores were computed: the county's rules, each with its clause. */
  scoring: { rules: Array<{ name: string; weight: number; description: string }>; clause: string };
}

export interface BulletinDepartmentRow {
  orgId: string;
  name: string;
  /** Checks run in the month, and those with an outcome recorded. */
  checks: number;
  withOutcome: number;
  /** Matters handled (reported by the department) and of them checked; coverage = checked ÷ handled, null when none handled. */
  mattersHandled: number;
  mattersChecked: number;
  coverage: number | null;
  latePublications: number;
  overdueAnswers: number;
  /** The usage list due in the month: on time, late, missing, or none due. */
  usageList: 'onTime' | 'late' | 'missing' | 'notDue';
  /** Narrative filings due in the month: filed on time of those due (0/0 when none due). */
  filings: { due: number; onTime: number };
  /** The month's score (0–100) and rank (1 = best). */
  score: number;
  rank: number;
  accountabilityCandidates: number;
}

export interface BulletinTrendPoint {
  month: string;
  checks: number;
  /** County-wide: matters checked ÷ matters handled, null when none handled. */
  coverage: number | null;
  latePublications: number;
  overdueAnswers: number;
  /** Departments whose usage list due in the month came on time, and how many were due. */
  listsOnTime: number;
  listsDue: number;
}

export interface BulletinAccountabilityRow {
  department: string;
  kind: 'decidedWithoutCheck' | 'punishmentUnexplained';
  /** The department's case number (办件编号) or the check id. */
  reference: string;
  matterName: string;
  /** The subject as others may see it: a masked ID number for a person, the name and code for an organisation. */
  subject: string;
  /** The day decided (a matter) or checked (a check). */
  date: string;
  /** What is missing, in words: e.g. 未核查信用记录; 未说明不予适用"限制申请财政资金"的理由. */
  detail: string;
}
