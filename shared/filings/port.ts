/**
 * What the filings capability offers the capabilities that build on it (docs/capabilities.md names who may use
 * it): the bulletin and the assessment read what was due in a month; the overdue scan watches due days.
 */
export { filingPeriodsToWatch, filingsDueInMonth, type FilingDue } from './filings-due.ts';
export { filingMissingNotices, filingNoticeKinds, filingReminderNotice } from './filing-notices.ts';
export { type FilingPeriod, type FilingState } from './filing-periods.ts';
export { filingsOfPeriod } from './filing-store.ts';
