/**
 * What the national-lists capability offers the capabilities that build on it (docs/capabilities.md): a check and
 * the credit report read a subject's national entries, with each source's freshness, through this port only.
 */
export { entryForMeasures, nationalListsOfSubject, type NationalEntryForMeasures, type NationalListsOfSubject } from './national-lists-of-subject.ts';
export type { NationalEntryView, SourceFreshness } from './present-entry.ts';
