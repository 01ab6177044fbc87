import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ApiThrottle } from '../../shared/config/county-config.ts';
import { maskIdsInValue } from '../../shared/privacy/resident-id-mask.ts';
import { holdsScope } from '../../shared/identity/machine-access.ts';
import type { LocalFunctions } from '../functions/local-functions.ts';
import { apiGatewayEvent } from './api-gateway-event.ts';
import { findRoute, type Route } from './routes.ts';
import { routeThrottle, type TokenTaken } from './token-bucket.ts';

/** API Gateway's payload limit. */
const maxPayloadBytes = 10 * 1024 * 1024;

export interface ApiServerOptions {
  routes: Route[];
  functions: LocalFunctions;
  /** Verifies a bearer token as the API's JWT authorizer does: the claims, or an Error. */
  issuer: { verify(token: string): Promise<Record<string, unknown>> };
  /**
   * The machine API's authorization scopes (API Gateway's per-route `authorizationScopes`): the scopes any one
   * of which the token's `scope` claim must hold for the route, else 403 as API Gateway answers.
   */
  scopesOf?: (route: Route) => readonly string[] | undefined;
  /** Extra local-only endpoints (OpenAPI document, admin), tried before the API routes. */
  extra?: (request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse) => Promise<boolean>;
  log: (entry: Record<string, unknown>) => void;
  /**
   * The county's API throttle (`api.throttle` of its file), per route as on the stage. Without it, the
   * throttle of the county this runtime serves (COUNTY_CONFIG, the config its handlers read); with neither,
   * no throttling.
   */
  throttle?: ApiThrottle;
}

/**
 * The HTTP API on loopback: matches the declared routes, verifies the bearer token as the JWT
 * authorizer does (401 `{"message":"Unauthorized"}` from the gateway itself), and invokes the real
 * handler with a payload 2.0 event. CORS preflights are answered as the API's CORS config would.
 * Each route is throttled as the stage throttles it (past its burst, 429), after the token is verified:
 * unauthenticated floods never spend what signed-in callers need (docs/throttling.md).
 */
export function createApiServer(input: ApiServerOptions): Server {
  // The access log as on AWS (infra/stack/api.ts): no claim, and no ID number in any form in any line.
  const options: ApiServerOptions = { ...input, log: (entry) => input.log(maskIdsInValue(entry) as Record<string, unknown>) };
  const limits = options.throttle;
  const throttle = limits ? routeThrottle(limits) : undefined;
  return createServer((request, response) => {
    handle(options, throttle, request, response).catch((error: Error) => {
      options.log({ level: 'ERROR', message: 'local gateway error', error: error.message });
      if (!response.headersSent) send(response, 500, { message: 'Internal Server Error' });
    });
  });
}

async function handle(
  options: ApiServerOptions,
  throttle: ((routeKey: string) => TokenTaken) | undefined,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const started = Date.now();
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const body = await readBody(request);
  if (body === undefined) return send(response, 413, { message: 'Request Entity Too Large' });
  // The dev endpoints (clock, invoke, dev sign-in) serve this origin only: no CORS, and no request a page
  // of another origin made (a browser says so in Origin / Sec-Fetch-Site; curl sends neither).
  const localOnly = url.pathname.startsWith('/_local/');
  if (localOnly && !fromThisOrigin(request)) {
    return send(response, 403, { message: 'Forbidden', error: { code: 'CROSS_ORIGIN', message: `${url.pathname} answers only pages of this origin (http://${request.headers.host ?? 'localhost'})` } });
  }
  if (method === 'OPTIONS') return localOnly ? send(response, 204, '') : preflight(response);
  if (options.extra && (await options.extra(request, url, body, response))) return;

  let found: ReturnType<typeof findRoute>;
  try {
    found = findRoute(options.routes, method, url.pathname);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    return send(response, 400, { message: 'Bad Request', error: { code: 'BAD_PATH', message: 'the path has a malformed percent-escape' } }, corsHeaders);
  }
  if (!found) return send(response, 404, { message: 'Not Found' }, corsHeaders);
  const { route, params } = found;

  let claims: Record<string, unknown> | undefined;
  if (!('public' in route.trigger.access)) {
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    try {
      if (!token) throw new Error('no bearer token');
      claims = await options.issuer.verify(token);
    } catch {
      return send(response, 401, { message: 'Unauthorized' }, { ...corsHeaders, 'www-authenticate': 'Bearer' });
    }
    const scopes = options.scopesOf?.(route);
    if (scopes) {
      if (!holdsScope(scopes, claims)) {
        return send(response, 403, { message: 'Forbidden' }, { ...corsHeaders, 'www-authenticate': `Bearer scope="${scopes.join(' ')}" error="insufficient_scope" error_description="the token has none of the route's scopes"` });
      }
    }
  }


  // Only a verified caller (or a public route's) spends the route's budget: a flood of unsigned or badly
  // signed requests is refused above without taking a token the departments' checks need (docs/throttling.md).
  if (throttle && !throttle(route.routeKey).allowed) {
    options.log({ level: 'INFO', message: 'request', route: route.routeKey, status: 429, ms: Date.now() - started });
    // API Gateway answers {"message":"Too Many Requests"}; the error object is the platform's own shape.
    return send(
      response,
      429,
      { message: 'Too Many Requests', error: { code: 'THROTTLED', message: `Too many requests to ${route.routeKey}: slow down and retry in a moment` } },
      corsHeaders,
    );
  }

  const event = apiGatewayEvent({ request, url, routeKey: route.routeKey, pathParameters: params, body, claims, now: new Date() });
  const result = await options.functions.invoke(route.functionName, event).catch((error: Error) => {
    options.log({ level: 'ERROR', message: 'handler threw', function: route.functionName, error: error.message });
    return { statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) };
  });
  const structured = normalise(result as APIGatewayProxyResultV2);
  response.writeHead(structured.statusCode ?? 200, { ...corsHeaders, ...(structured.headers as Record<string, string>) });
  response.end(structured.isBase64Encoded ? Buffer.from(structured.body ?? '', 'base64') : (structured.body ?? ''));
  options.log({ level: 'INFO', message: 'request', route: route.routeKey, status: structured.statusCode, ms: Date.now() - started });
}

/** Payload 2.0 lets a handler return a bare object or string: the gateway wraps it as JSON. */
function normalise(result: APIGatewayProxyResultV2): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) return result;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type',
};

function preflight(response: ServerResponse) {
  response.writeHead(204, {
    ...corsHeaders,
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-allow-headers': 'authorization,content-type,idempotency-key',
    'access-control-max-age': '3600',
  });
  response.end();
}

/** A JSON answer of the local runtime itself; the API's CORS headers only where the caller passes them (API routes). */
export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(status === 204 ? undefined : JSON.stringify(body));
}

/** Whether a browser says the request came from a page of this origin; requests without those headers (curl, the CLI) are not a browser's. */
export function fromThisOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxPayloadBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
