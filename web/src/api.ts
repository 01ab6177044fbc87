import { config } from './config.ts';
import { signOut, tokenOf } from './session.ts';

/** A problem of a file refused whole (`error.problems`), by row and column. */
export interface FileProblem {
  row: number;
  column: string;
  rule: string;
}

/** An API refusal, with the platform's error code and field (`{ error: { code, message, field, problems? } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly field?: string,
    readonly problems?: FileProblem[],
  ) {
    super(message);
  }
}

export interface Request {
  method: string;
  /** The path and query, already built from a declaration (call.ts): nothing here names a route. */
  target: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the signed-in caller's token (every route but the public ones). */
  auth: boolean;
}

/** The transport under call.ts: the caller's token, JSON in, the platform's refusals as ApiError, sign-out on 401. */
export async function send({ method, target, body, headers = {}, auth }: Request): Promise<Response> {
  const token = auth ? tokenOf() : undefined;
  if (auth && !token) throw new ApiError(401, '请先登录');
  const response = await fetch(`${config().apiUrl}${target}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return response;
  const answer = (await response.json().catch(() => ({}))) as { message?: string; error?: { code?: string; message?: string; field?: string; problems?: FileProblem[] } };
  if (response.status === 401 && auth) signOut();
  const message =
    response.status === 401 ? '登录已失效，请重新登录' : response.status === 404 ? '未找到' : response.status === 429 ? '请求过于频繁，请稍后再试' : (answer.error?.message ?? answer.message ?? `请求失败（${response.status}）`);
  throw new ApiError(response.status, message, answer.error?.code, answer.error?.field, answer.error?.problems);
}
