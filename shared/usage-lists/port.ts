/**
 * What the usage-lists capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { nextUsageListDue } from './usage-list-due.ts';
export { usageListMissingNotice, usageListNoticeKinds } from './usage-list-notices.ts';
export { submissionsOfPeriod } from './usage-list-store.ts';
export type { UsageListSubmission } from './usage-list-submission.ts';
export { parseUsagePeriod, periodContaining, periodEnded, periodStarted, periodsDueBefore, type UsagePeriod } from './usage-periods.ts';
