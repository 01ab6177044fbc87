import { Logger } from '@aws-lambda-powertools/logger';
import { maskIdsInText } from '../privacy/resident-id-mask.ts';

/**
 * Structured JSON logs (Powertools). Every string value passes through the resident-ID mask on its
 * way out (`maskIdsInText`: any form of the number), so a personal ID number cannot reach the logs even
 * when a caller logs a payload by mistake.
 * Service name comes from POWERTOOLS_SERVICE_NAME (the function's declared name).
 */
export const logger = new Logger({
  jsonReplacerFn: (_key: string, value: unknown) => (typeof value === 'string' ? maskIdsInText(value) : value),
});
