import { usccWarnings, type FieldWarning } from '../subjects/code-warnings.ts';
import type { RecordInput } from './record-input.ts';

/** The warnings about the codes of an accepted record (the subject's, the authority's and the data source's USCC), fields under `prefix` (e.g. `body.`). */
export function recordCodeWarnings(input: RecordInput, prefix: string): FieldWarning[] {
  return [
    ...(input.subject.uscc === undefined ? [] : usccWarnings(input.subject.uscc, `${prefix}subject.uscc`)),
    ...usccWarnings(input.authority.uscc, `${prefix}authority.uscc`),
    ...(input.sourceDepartmentUscc === undefined ? [] : usccWarnings(input.sourceDepartmentUscc, `${prefix}sourceDepartmentUscc`)),
  ];
}
