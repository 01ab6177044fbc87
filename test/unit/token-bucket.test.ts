import { describe, expect, it } from 'vitest';
import { fullBucket, routeThrottle, takeToken, type TokenBucket } from '../../local/http/token-bucket.ts';

const limits = { rateLimit: 2, burstLimit: 3 };

/** Requests at the given times (ms), from a full bucket: which were let through. */
function allowedAt(times: number[], start = fullBucket(limits, 0)): boolean[] {
  let bucket: TokenBucket = start;
  return times.map((t) => {
    const taken = takeToken(bucket, limits, t);
    bucket = taken.bucket;
    return taken.allowed;
  });
}

describe('the local gateway token bucket (API Gateway throttling)', () => {
  it('lets a burst of burstLimit requests through at once, and refuses the next', () => {
    expect(allowedAt([0, 0, 0, 0])).toEqual([true, true, true, false]);
  });

  it('refills at rateLimit tokens a second: after an empty bucket, one request per 1/rate seconds', () => {
    expect(allowedAt([0, 0, 0, 0, 499, 500, 501, 999, 1000])).toEqual([true, true, true, false, false, true, false, false, true]);
  });

  it('never holds more than burstLimit tokens, however long it rested', () => {
    expect(allowedAt([0, 60_000, 60_000, 60_000, 60_000])).toEqual([true, true, true, true, false]);
  });

  it('keeps the steady rate forever: 2 a second pass, a third in the same second does not', () => {
    const times = Array.from({ length: 20 }, (_, i) => 10_000 + i * 500);
    const empty = { tokens: 0, atMs: 10_000 - 500 };
    expect(allowedAt(times, empty).every(Boolean)).toBe(true);
    expect(allowedAt([10_000, 10_100, 10_200], { tokens: 0, atMs: 9_500 })).toEqual([true, false, false]);
  });

  it('says when a token is back, and a refused request does not use one up', () => {
    const empty = { tokens: 0, atMs: 0 };
    const refused = takeToken(empty, limits, 100);
    expect(refused).toMatchObject({ allowed: false, retryInMs: 400 });
    expect(refused.bucket.tokens).toBeCloseTo(0.2);
    expect(takeToken(refused.bucket, limits, 500).allowed).toBe(true);
  });

  it('refills nothing for a clock read earlier than the last one', () => {
    const taken = takeToken({ tokens: 0.5, atMs: 1_000 }, limits, 900);
    expect(taken).toMatchObject({ allowed: false, bucket: { tokens: 0.5, atMs: 1_000 } });
  });

  it('keeps one bucket per route: a throttled route leaves the others alone', () => {
    let now = 0;
    const throttle = routeThrottle(limits, () => now);
    const busy = Array.from({ length: 4 }, () => throttle('POST /checks').allowed);
    expect(busy).toEqual([true, true, true, false]);
    expect(throttle('GET /public/county').allowed).toBe(true);
    now = 500;
    expect(throttle('POST /checks').allowed).toBe(true);
    expect(throttle('POST /checks').allowed).toBe(false);
  });
});
