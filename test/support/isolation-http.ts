/**
 * HTTP plumbing of the isolation tests: one request as sent (method, path, JSON or raw body, token or
 * none), its answer as text and as JSON when it is JSON (a CSV export is not), and a small pool that
 * runs many requests a few at a time, so the local gateway is not flooded (a throttle may answer 429).
 */
import type { Role } from '../../shared/identity/roles.ts';
import type { LocalPlatform } from '../../local/platform.ts';

export interface ApiRequest {
  method: string;
  /** With the query string. */
  path: string;
  /** Sent as JSON; a string or Buffer is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Markers the answer must show when it is a 2xx (a positive control: the data is there for those who may see it). */
  shows?: string[];
}

export interface ApiAnswer {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted on as JSON
  json: any;
  contentType: string;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
}

/** How a request authenticates: a token of an organisation, a token as given (forged, expired…), or none. */
export type Credentials = { role: Role; orgId: string } | { token: string } | undefined;

const tokens = new Map<string, Promise<string>>();
let throttledCount = 0;
/** How many requests the gateway throttled (429) and were sent again, in this process. */
export const throttled = () => throttledCount;

/** Sends one request; a 429 (a throttle) is retried after a pause, so the answers are the routes' own. */
export async function send(platform: LocalPlatform, request: ApiRequest, credentials: Credentials): Promise<ApiAnswer> {
  let token: string | undefined;
  if (credentials && 'token' in credentials) token = credentials.token;
  else if (credentials) {
    const key = `${platform.apiUrl}\u0000${credentials.role}\u0000${credentials.orgId}`;
    if (!tokens.has(key)) tokens.set(key, platform.token(credentials.role, credentials.orgId));
    token = await tokens.get(key)!;
  }
  const body = request.body === undefined ? undefined : typeof request.body === 'string' || Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body);
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${platform.apiUrl}${request.path}`, {
      method: request.method,
      headers: {
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      },
      body: body as NonNullable<Parameters<typeof fetch>[1]>['body'],
    });
    const text = await response.text();
    if (response.status === 429 && attempt < 6) {
      throttledCount += 1;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      continue;
    }
    const contentType = response.headers.get('content-type') ?? '';
    let json: unknown;
    if (contentType.includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, text, json, contentType, headers: Object.fromEntries(response.headers) };
  }
}

export { inPool } from '../../shared/lambda/in-pool.ts';

/** Polls `probe` until it yields a value, or fails naming `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
