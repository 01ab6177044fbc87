import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../local/platform.ts';
import { testClockStart } from './test-date.ts';

export interface ApiAnswer {
  status: number;
  body: any;
}

/**
 * Calls the local platform's HTTP API as a caller of `role` and `orgId` (no token when `role` is
 * absent), with a JSON body (a string is sent as it is), and reads the JSON answer.
 */
export async function callApi(
  platform: LocalPlatform,
  method: string,
  path: string,
  role?: Role,
  orgId?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { ...(role ? { authorization: `Bearer ${await platform.token(role, orgId!)}` } : {}), 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The notices the platform sent to its SNS topic (the local outbox), as published. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- notices as JSON, asserted on by the tests
export function sentNotices(platform: LocalPlatform): any[] {
  if (!existsSync(platform.outboxFile)) return [];
  return readFileSync(platform.outboxFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(JSON.parse(line).message));
}

/**
 * A fresh, quiet county platform for one test file: a new data folder, free ports, no demo data, no log
 * output, Retry intervals of the local Step Functions run at once (they are real time there), and its
 * clock at 09:00 on the test date (test/support/test-date.ts), never the system's day.
 */
export function startTestPlatform(county: CountyConfig, label: string, options: Partial<LocalPlatformOptions> = {}): Promise<LocalPlatform> {
  return startLocalPlatform({ county, dataDir: mkdtempSync(join(tmpdir(), `${label}-`)), port: 0, fresh: true, demo: false, retryTimeScale: 0, log: () => undefined, clock: testClockStart, ...options });
}
