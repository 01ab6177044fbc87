import type { IsoDate } from '../calendar/dates.ts';
import type { UsageListCounts } from './usage-list.ts';

/**
 * A submitted revision of a department's usage list. Submission is final: a correction is the next
 * revision, with its own snapshot of the rows. Whether the list came on time is decided once, by the
 * first revision against the period's due day (county time), and kept on every later revision.
 */
export interface UsageListSubmission {
  orgId: string;
  departmentName: string;
  period: string;
  revision: number;
  /** 报送人: the name the department gave. */
  submitter: string;
  note?: string;
  /** The user whose token submitted it. */
  submittedBy: string;
  submittedAt: string;
  submittedOn: IsoDate;
  dueDay: IsoDate;
  /** The first revision's submission: whether the list came by the due day. */
  firstSubmittedAt: string;
  firstSubmittedOn: IsoDate;
  late: boolean;
  counts: UsageListCounts;
  /** Where its rows are: `usageKeys.usageListRows(orgId, period, snapshotId, 1…parts)`. */
  snapshotId: string;
  parts: number;
}

/** The draft the period close stores once, on the first day after the period: the list as it stood then. */
export interface UsageListDraft {
  orgId: string;
  departmentName: string;
  period: string;
  createdAt: string;
  createdOn: IsoDate;
  counts: UsageListCounts;
  snapshotId: string;
  parts: number;
}
