/**
 * Errors a use case may raise; the shared middleware maps them to `{ error: { code, message, field } }`
 * with the status here. Codes are stable: clients branch on them.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationFailed = (field: string, rule: string) =>
  new AppError(400, 'VALIDATION_FAILED', `${field}: ${rule}`, field);
export const unauthenticated = (message = 'a valid bearer token is required') =>
  new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string) => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found`);
export const conflict = (message: string, field?: string) => new AppError(409, 'CONFLICT', message, field);
export const payloadTooLarge = (limitBytes: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, 'body');
