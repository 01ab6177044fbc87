import type { HttpMethod } from '../../shared/lambda/declaration.ts';

/** What a browser needs of a function's declaration: how to reach it (web/build.ts reads it, web/src/call.ts uses it). No DOM here: the unit tests run it under node. */
export interface DeclaredRoute {
  method: HttpMethod;
  /** The route path with its `{param}`s, e.g. `/records/{id}`. */
  path: string;
  /** Served without a token (`access: { public: true }`); every other route gets the caller's. */
  public: boolean;
}

/** A call's input as the transport sees it (call.ts types it from the declaration). */
export interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The path and query of a call: `{param}`s filled in (each encodeURIComponent'd), empty query values left out. */
export function targetOf(route: Pick<DeclaredRoute, 'path'>, { params = {}, query = {} }: LooseInput = {}): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === null) throw new Error(`${route.path}: no value for {${key}}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
