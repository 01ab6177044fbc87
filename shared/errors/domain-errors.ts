/**
 * What went wrong, in the domain's words. Use cases and stores throw these; none of them knows HTTP. The
 * edge (shared/http/error-response.ts) maps each error's `kind` to a status, once, and answers
 * `{ error: { code, message, field? } }`. Codes are stable: clients branch on them.
 */
export type ErrorKind = 'invalidInput' | 'unauthenticated' | 'notPermitted' | 'notFound' | 'conflict' | 'tooLarge' | 'busy';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

// The general kinds.

/** A field breaks a rule; the message names both. */
export class InvalidInput extends DomainError {
  constructor(field: string, rule: string) {
    super('invalidInput', 'VALIDATION_FAILED', `${field}: ${rule}`, field);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthenticated', 'UNAUTHENTICATED', message);
  }
}
/** The caller may know the thing exists but may not do this with it (else: NotFound). */
export class NotPermitted extends DomainError {
  constructor(message: string, code = 'FORBIDDEN', field?: string) {
    super('notPermitted', code, message, field);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super('notFound', 'NOT_FOUND', `${what} was not found`);
  }
}
/** The request is valid but the state of what it names refuses it; subclasses name the state. */
export class Conflict extends DomainError {
  constructor(message: string, field?: string, code = 'CONFLICT') {
    super('conflict', code, message, field);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super('tooLarge', 'PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, 'body');
  }
}

// Named states that refuse a request.

export class CaseAlreadyOpen extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'CASE_OPEN');
  }
}
export class CaseAlreadyAnswered extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'CASE_ALREADY_ANSWERED');
  }
}
/** The case's workflow failed; the credit office restarts it before it can be answered. */
export class CaseStuck extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'CASE_STUCK');
  }
}
export class CaseNotStuck extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'CASE_NOT_STUCK');
  }
}
export class RecordChanged extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'RECORD_CHANGED');
  }
}
export class RecordRevoked extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'RECORD_REVOKED');
  }
}
export class RecordRepaired extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'RECORD_REPAIRED');
  }
}
export class RecordExpired extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'RECORD_EXPIRED');
  }
}
export class RepairNotApplicable extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'REPAIR_NOT_APPLICABLE');
  }
}
export class RepairNotYetEligible extends Conflict {
  constructor(message: string, field?: string) {
    super(message, field, 'REPAIR_NOT_YET_ELIGIBLE');
  }
}
/** An outcome may record only measures the check offered. */
export class MeasureNotOffered extends Conflict {
  constructor(message: string, field: string) {
    super(message, field, 'MEASURE_NOT_OFFERED');
  }
}
/** A measure resting on a record under objection is suspended. */
export class MeasureSuspended extends Conflict {
  constructor(message: string, field: string) {
    super(message, field, 'MEASURE_SUSPENDED');
  }
}
/** A measure named both applied and not applied in one outcome. */
export class MeasureAppliedAndNotApplied extends DomainError {
  constructor(message: string, field: string) {
    super('invalidInput', 'MEASURE_APPLIED_AND_NOT_APPLIED', message, field);
  }
}
/** A matter list (事项清单) may have one version awaiting review: the department waits for the credit office. */
export class MatterListPending extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'MATTER_LIST_PENDING');
  }
}
/** Only a version awaiting review is approved or returned. */
export class MatterListNotPending extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'MATTER_LIST_NOT_PENDING');
  }
}
/** The same item code twice in one version of a matter list. */
export class DuplicateListItem extends DomainError {
  constructor(message: string, field: string) {
    super('invalidInput', 'DUPLICATE_LIST_ITEM', message, field);
  }
}
/** A check names a list item that is not in the department's matter list in force. */
export class ListItemNotInForce extends DomainError {
  constructor(message: string, field: string) {
    super('invalidInput', 'LIST_ITEM_NOT_IN_FORCE', message, field);
  }
}
/** A check's matter type is not the matter type of the list item it names. */
export class ListItemMatterTypeMismatch extends DomainError {
  constructor(message: string, field: string) {
    super('invalidInput', 'LIST_ITEM_MATTER_TYPE', message, field);
  }
}

/** A problem of a refused file, by row (as a spreadsheet shows it: the header is row 1) and column (by its header), and the rule broken: never the cell's value. */
export interface FileProblem {
  row: number;
  column: string;
  rule: string;
}
/** A file refused as a whole, nothing of it stored, with every problem found (answered as `error.problems`). */
export class FileRefused extends DomainError {
  constructor(
    code: string,
    message: string,
    field: string,
    readonly problems: readonly FileProblem[],
  ) {
    super('invalidInput', code, message, field);
  }
}
/** Another import of the same national list is being applied: the office waits, or sends the same file again. */
export class NationalListImportPending extends Conflict {
  constructor(message: string) {
    super(message, undefined, 'NATIONAL_LIST_IMPORT_PENDING');
  }
}
/** A national list dated before the one already applied: applying it would turn the list back. */
export class NationalListOutOfDate extends Conflict {
  constructor(message: string, field: string) {
    super(message, field, 'NATIONAL_LIST_OUT_OF_DATE');
  }
}
/** The national list's index has not caught up with its last import yet: trying again in a moment succeeds. */
export class NationalListBusy extends DomainError {
  constructor(message: string) {
    super('busy', 'NATIONAL_LIST_BUSY', message);
  }
}

// Short forms, for the common cases.
export const validationFailed = (field: string, rule: string): InvalidInput => new InvalidInput(field, rule);
export const unauthenticated = (message?: string): Unauthenticated => new Unauthenticated(message);
export const forbidden = (message: string): NotPermitted => new NotPermitted(message);
export const notFound = (what: string): NotFound => new NotFound(what);
export const conflict = (message: string, field?: string): Conflict => new Conflict(message, field);
export const payloadTooLarge = (limitBytes: number): PayloadTooLarge => new PayloadTooLarge(limitBytes);
