/**
 * What the coverage capability offers the capabilities that build on it (docs/capabilities.md): the monthly
 * bulletin and the assessment read coverage per department and item, and the accountability candidates.
 */
export { accountabilityOfMonth, coverageOfMonth } from './coverage-of-month.ts';
export type { AccountabilityCandidate } from './coverage-rules.ts';
