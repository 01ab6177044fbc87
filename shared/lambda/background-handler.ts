import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import { countyFromEnv } from '../config/county-from-env.ts';
import { logger } from './logger.ts';
import { now } from '../time/clock.ts';

export interface BackgroundInput<E> {
  event: E;
  county: CountyConfig;
  /** When the invocation started, on the platform clock (shared/time/clock.ts). Domain code takes time from here. */
  now: Date;
  /** Milliseconds left before the invocation times out (the Lambda context's): long work hands on before it runs out. */
  remainingMs: () => number;
}

/**
 * The middleware stack of non-HTTP functions (S3 events, schedules, state-machine tasks): structured
 * logging and validation of the event with its schema. A thrown error fails the invocation, so S3 and
 * the scheduler retry, and a state machine's Retry/Catch sees the error's name.
 */
export function backgroundHandler<S extends z.ZodType, R>(
  schema: S,
  useCase: (input: BackgroundInput<z.output<S>>) => Promise<R>,
) {
  return middy<unknown, R, Error, Context>(async (raw: unknown, context: Context) => {
    const startedAt = now();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const error = new Error(`event.${issue.path.join('.')}: ${issue.message}`);
      error.name = 'InvalidEvent';
      throw error;
    }
    const remainingMs = () => (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY);
    return useCase({ event: parsed.data, county: countyFromEnv(), now: startedAt, remainingMs });
  }).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
}
