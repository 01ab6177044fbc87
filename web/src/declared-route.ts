import type { HttpMethod } from '../../shared/lambda/declaration.ts';

/** What a browser needs of a function's declaration: how to reach it (web/build.ts reads it, web/src/call.ts uses it). */
export interface DeclaredRoute {
  method: HttpMethod;
  /** The route path with its `{param}`s, e.g. `/records/{id}`. */
  path: string;
  /** Served without a token (`access: { public: true }`); every other route gets the caller's. */
  public: boolean;
}
