import type * as z from 'zod';
import type { functions } from '../../functions/catalog.ts';
import { send } from './api.ts';
import { targetOf, type DeclaredRoute, type LooseInput } from './declared-route.ts';

/**
 * The site's and the console's only way to the API: a function is called by its declared name, and its
 * method, route, access and types all come from its declaration (shared/<capability>/functions.ts, gathered
 * by functions/catalog.ts), never retyped here. The types are the declaration's zod schemas: `params`,
 * `query` and `body` as the API takes them (z.input), the answer as it gives it (z.infer).
 *
 * The declarations themselves stay out of the bundle: their zod schemas (~175 KB minified, ~50 KB gzipped)
 * would only ever be read for their types here, so the browser gets the routes alone, which web/build.ts
 * reads from the same declarations at build time and hands to esbuild (`define`, as `__API_ROUTES__`).
 */

type Declared = Extract<(typeof functions)[number], { trigger: { type: 'http' } }>;

/** A function the API serves over HTTP, by its declared name. */
export type FunctionName = Declared['name'];
export type DeclarationOf<N extends FunctionName> = Extract<Declared, { name: N }>;

declare const __API_ROUTES__: Readonly<Record<FunctionName, DeclaredRoute>>;

type RequestOf<N extends FunctionName> = DeclarationOf<N>['trigger'] extends { request: infer R } ? R : {};
/** One part of a request: required when its schema has required fields, optional when it has none, absent when undeclared. */
type Part<R, K extends 'params' | 'query' | 'body'> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? {} extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : { [P in K]?: never };

export type CallInput<N extends FunctionName> = Part<RequestOf<N>, 'params'> & Part<RequestOf<N>, 'query'> & Part<RequestOf<N>, 'body'>;
/** A function's successful answer, as its declaration says (`trigger.response.body`). */
export type Answer<N extends FunctionName> = z.infer<DeclarationOf<N>['trigger']['response']['body']>;

export interface CallOptions {
  /** E.g. an Idempotency-Key. */
  headers?: Record<string, string>;
}

type Args<N extends FunctionName> = {} extends CallInput<N> ? [input?: CallInput<N>, options?: CallOptions] : [input: CallInput<N>, options?: CallOptions];

function routeOf(name: FunctionName): DeclaredRoute {
  const route = __API_ROUTES__[name];
  if (!route) throw new Error(`the API declares no function named "${name}"`);
  return route;
}

function request(name: FunctionName, input: LooseInput = {}, { headers }: CallOptions = {}): Promise<Response> {
  const route = routeOf(name);
  return send({ method: route.method, target: targetOf(route, input), body: input.body, headers, auth: !route.public });
}

/** Calls a declared function; its JSON answer, typed by the declaration. */
export async function call<N extends FunctionName>(name: N, ...args: Args<N>): Promise<Answer<N>> {
  const [input, options] = args as [LooseInput?, CallOptions?];
  return (await (await request(name, input, options)).json()) as Answer<N>;
}

/** Calls a declared function that answers with a file (an export, a PDF): the file, as a Blob. */
export async function callFile<N extends FunctionName>(name: N, ...args: Args<N>): Promise<Blob> {
  const [input, options] = args as [LooseInput?, CallOptions?];
  return (await request(name, input, options)).blob();
}
