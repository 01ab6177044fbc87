import { existsSync, readFileSync } from 'node:fs';
import type { Role } from '../../shared/identity/roles.ts';
import type { LocalPlatform } from '../../infra/local/platform.ts';

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
