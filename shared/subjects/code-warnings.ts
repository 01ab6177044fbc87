import { usccOrganisationCodeProblem } from './uscc.ts';

/**
 * Something an answer tells the caller about a field it accepted: the request succeeded, but a person
 * should look at the value. Answers carry them as `warnings: [...]`, and only when there is one, so an
 * answer without warnings keeps its shape. `code` is stable (clients branch on it); `message` starts with
 * the field, like an error's.
 */
export interface FieldWarning {
  field: string;
  code: 'USCC_ORGANISATION_CODE_CHECK';
  message: string;
}

/** The warnings about a valid USCC at `field` (e.g. `body.subject.uscc`): today only the GB 11714 check of characters 9–17. */
export function usccWarnings(uscc: string, field: string): FieldWarning[] {
  const rule = usccOrganisationCodeProblem(uscc);
  return rule === undefined ? [] : [{ field, code: 'USCC_ORGANISATION_CODE_CHECK', message: `${field}: ${rule}` }];
}

/** `{ warnings }` when there are any, else nothing: spread into an answer. */
export const withWarnings = (warnings: readonly FieldWarning[]): { warnings?: FieldWarning[] } =>
  warnings.length > 0 ? { warnings: [...warnings] } : {};
