/**
 * What the cases capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { caseOverdueNotices } from './case-notices.ts';
export { answerableStates, type CaseEvent, type CaseState, type CaseType, type StoredCase } from './case.ts';
export { raiseCase } from './raise-case.ts';
export { answerCase } from './answer-case.ts';
export { addCaseEvidence } from './add-evidence.ts';
export { listCases, readCase } from './read-cases.ts';
