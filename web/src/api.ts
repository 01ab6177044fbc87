import { config } from './config.ts';
import { signOut, tokenOf } from './session.ts';

/** An API refusal, with the platform's error code and field (`{ error: { code, message, field } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface Options {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the signed-in caller's token (console pages). */
  auth?: boolean;
}

async function request(path: string, { method = 'GET', body, headers = {}, auth = false }: Options): Promise<Response> {
  const token = auth ? tokenOf() : undefined;
  if (auth && !token) throw new ApiError(401, '请先登录');
  const response = await fetch(`${config().apiUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return response;
  const answer = (await response.json().catch(() => ({}))) as { message?: string; error?: { code?: string; message?: string; field?: string } };
  if (response.status === 401 && auth) signOut();
  const message =
    response.status === 401 ? '登录已失效，请重新登录' : response.status === 404 ? '未找到' : response.status === 429 ? '请求过于频繁，请稍后再试' : (answer.error?.message ?? answer.message ?? `请求失败（${response.status}）`);
  throw new ApiError(response.status, message, answer.error?.code, answer.error?.field);
}

/** A JSON answer. */
export async function api<T = any>(path: string, options: Options = {}): Promise<T> {
  return (await (await request(path, options)).json()) as T;
}

/** A file answer (an export), as a Blob. */
export async function apiFile(path: string, options: Options = {}): Promise<Blob> {
  return (await request(path, options)).blob();
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
};
