/**
 * What the compliance capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): the monthly bulletin reads a month's facts and the assessment of it, and keeps the scores it showed.
 */
export { assessMonth, keepAssessment, type AssessedDepartment, type AssessedMonth } from './assessments.ts';
export { parseMonth, shiftMonth } from './month-facts.ts';
