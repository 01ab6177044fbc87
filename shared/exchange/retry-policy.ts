/**
 * When a failed delivery is tried again, and when it is given up (dead-lettered). Pure.
 * Transient failures (the network, a timeout, 408, 429, 5xx) back off from `firstSeconds`, doubling up to
 * `maxSeconds`, until the delivery has failed for `deadLetterAfterHours`: an upstream down for a day is retried
 * through the day and delivers when back. A refusal (any other 4xx) will not change by retrying: dead at once.
 */
export interface RetrySettings {
  firstSeconds: number;
  maxSeconds: number;
  deadLetterAfterHours: number;
}

export type AttemptFailure = { transient: boolean; reason: string };

export function failureOf(result: { status?: number; error?: string; body?: string }): AttemptFailure {
  if (result.status === undefined) return { transient: true, reason: `no answer: ${result.error ?? 'unknown error'}`.slice(0, 300) };
  const transient = result.status === 408 || result.status === 429 || result.status >= 500;
  return { transient, reason: `HTTP ${result.status}${result.body ? `: ${result.body}` : ''}`.slice(0, 300) };
}

/** After `attempts` failed attempts (≥ 1), the first of them at `firstFailedAt`: retry at, or dead. */
export function afterFailure(args: { attempts: number; firstFailedAt: Date; now: Date; failure: AttemptFailure; settings: RetrySettings }): { dead: true } | { dead: false; nextAttemptAt: Date } {
  const { settings, now } = args;
  if (!args.failure.transient) return { dead: true };
  if (now.getTime() - args.firstFailedAt.getTime() >= settings.deadLetterAfterHours * 3_600_000) return { dead: true };
  const seconds = Math.min(settings.maxSeconds, settings.firstSeconds * 2 ** Math.min(args.attempts - 1, 30));
  return { dead: false, nextAttemptAt: new Date(now.getTime() + seconds * 1000) };
}
