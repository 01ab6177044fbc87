import type { ApiThrottle } from '../../shared/config/county-config.ts';

/**
 * API Gateway's throttle, for the local gateway: a bucket of at most `burstLimit` tokens, refilled at
 * `rateLimit` tokens a second; a request takes one token, or is throttled (429) when there is none.
 */
export interface TokenBucket {
  tokens: number;
  /** When `tokens` was counted, in milliseconds on the caller's clock. */
  atMs: number;
}

export interface TokenTaken {
  allowed: boolean;
  bucket: TokenBucket;
  /** When refused: milliseconds until a token is back. */
  retryInMs?: number;
}

/** A full bucket at `nowMs`, as a stage starts. */
export const fullBucket = (limits: ApiThrottle, nowMs: number): TokenBucket => ({ tokens: limits.burstLimit, atMs: nowMs });

/** Takes a token for a request arriving at `nowMs` (pure: the time comes in, the next bucket goes out). */
export function takeToken(bucket: TokenBucket, limits: ApiThrottle, nowMs: number): TokenTaken {
  // A clock read before the last one (it should not happen on a monotonic clock) refills nothing.
  const atMs = Math.max(bucket.atMs, nowMs);
  const tokens = Math.min(limits.burstLimit, bucket.tokens + ((atMs - bucket.atMs) / 1000) * limits.rateLimit);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, atMs } };
  return { allowed: false, bucket: { tokens, atMs }, retryInMs: Math.ceil(((1 - tokens) / limits.rateLimit) * 1000) };
}

/**
 * One bucket per route key, as API Gateway applies a stage's default route throttling to each route.
 * The clock is real, monotonic time: throttling protects the machine, it does not follow the platform clock.
 */
export function routeThrottle(limits: ApiThrottle, now: () => number = () => performance.now()): (routeKey: string) => TokenTaken {
  const buckets = new Map<string, TokenBucket>();
  return (routeKey) => {
    const nowMs = now();
    const taken = takeToken(buckets.get(routeKey) ?? fullBucket(limits, nowMs), limits, nowMs);
    buckets.set(routeKey, taken.bucket);
    return taken;
  };
}
