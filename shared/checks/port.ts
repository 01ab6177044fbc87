/**
 * What the checks capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { restoreReputation } from './check-corrections.ts';
export { loggedRecord, loggedReport, type CheckLogEntry } from './check-log-entry.ts';
export { listChecks, logCheck } from './check-store.ts';
export { listStatus, selectMeasures, type RecordForMeasures } from './select-measures.ts';
export type { RecordCorrection } from './record-correction.ts';
