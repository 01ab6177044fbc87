/**
 * What the reports capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { reportsOf, reportStatus, type StoredReport } from './report-rules.ts';
export { getReports } from './report-store.ts';
export { presentReport, reportDetails, validReports } from './subject-reports.ts';
export { creditCrisisAfter, type CreditCrisis } from './credit-crisis.ts';
