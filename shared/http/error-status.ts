import type { ErrorKind } from '../errors/domain-errors.ts';

/** The one place a domain error becomes an HTTP status (shared/errors/domain-errors.ts names the errors). */
export const statusOfKind: Record<ErrorKind, number> = {
  invalidInput: 400,
  unauthenticated: 401,
  notPermitted: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  busy: 503,
};
