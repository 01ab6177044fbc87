import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import { countyFromEnv } from '../config/county-from-env.ts';
import type { HttpTrigger } from '../lambda/declaration.ts';
import { callerFromClaims, protectCaller, requireRole, type Caller } from '../identity/caller.ts';
import { requireMachineScope } from '../identity/machine-access.ts';
import { logger } from '../lambda/logger.ts';
import { isSealedValue } from '../privacy/personal-ids.ts';
import { codeFields, maskIdsInText, maskIdsInValue } from '../privacy/resident-id-mask.ts';
import { localDate } from '../calendar/dates.ts';
import { validatingOn } from '../time/request-day.ts';
import { DomainError, FileRefused, payloadTooLarge, validationFailed } from '../errors/domain-errors.ts';
import { statusOfKind } from './error-status.ts';
import { forbiddenKeyPath } from './input-text.ts';
import { asPageTokenError } from './page-token.ts';

/** Request bodies above this are refused before parsing: a batch of 500 records fits; Lambda takes at most 6 MB. */
export const maxBodyBytes = 5 * 1024 * 1024;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type Req<T extends HttpTrigger> = NonNullable<T['request']>;

export interface HttpInput<T extends HttpTrigger> {
  caller: T['access'] extends { public: true } ? Caller | undefined : Caller;
  params: Infer<Req<T>['params']>;
  query: Infer<Req<T>['query']>;
  body: Infer<Req<T>['body']>;
  county: CountyConfig;
  /** The request time, as API Gateway stamped it. Domain code takes time from here, never from the clock. */
  now: Date;
  /** Request headers, lower-case names (e.g. `idempotency-key`). */
  headers: Record<string, string | undefined>;
}

export interface HttpOutput {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A file to download instead of a JSON body: sent base64-encoded (`isBase64Encoded`), so any bytes arrive intact. */
  file?: HttpFile;
}

export interface HttpFile {
  content: Buffer;
  contentType: string;
  /** The name a browser saves it under (any characters: sent as RFC 5987 `filename*`). */
  fileName: string;
  /** An ASCII name for clients that do not read `filename*`. */
  asciiFileName: string;
}

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The one middleware stack of every HTTP function: structured logging, caller from the JWT claims,
 * role check from the declaration, zod validation of path, query and body, and error mapping to
 * `{ error: { code, message, field } }`. Handlers only call their use case.
 */
export function httpHandler<T extends HttpTrigger>(trigger: T, useCase: (input: HttpInput<T>) => Promise<HttpOutput>) {
  if (trigger.machine) throw new Error(`${trigger.method} ${trigger.path} is offered to machines: its handler is machineHttpHandler (shared/http/machine-http-handler.ts)`);
  return callerHandler(trigger, useCase, {});
}

/** With a caller from the token; a machine caller (a route offered to machines) passes its scope and liveness checks first. */
export function callerHandler<T extends HttpTrigger>(trigger: T, useCase: (input: HttpInput<T>) => Promise<HttpOutput>, options: HandlerOptions) {
  const isPublic = 'public' in trigger.access;
  return handlerWith(trigger, useCase, async (claims, county) => (isPublic && !claims ? undefined : protectCaller(callerFromClaims(claims, county.id))), options);
}

export interface HandlerOptions {
  /** Whether a machine caller's client is still live (read from the register); absent where no machine may call. */
  liveMachineClient?: (system: NonNullable<Caller['system']>) => Promise<void>;
}

/**
 * The same stack for a public route (`access: { public: true }`): no caller, whatever the request carries (API
 * Gateway runs no authorizer on these routes, and no public use case reads a caller). Its function's bundle
 * carries no person-key code and so no KMS client, which its grants would refuse anyway
 * (test/infra/bundle-size.test.ts: every bundle carries only the SDK clients its declaration needs).
 */
export function publicHttpHandler<T extends HttpTrigger & { access: { public: true } }>(trigger: T, useCase: (input: HttpInput<T>) => Promise<HttpOutput>) {
  return handlerWith(trigger, useCase, async () => undefined, {});
}

function handlerWith<T extends HttpTrigger>(
  trigger: T,
  useCase: (input: HttpInput<T>) => Promise<HttpOutput>,
  callerOf: (claims: Record<string, unknown> | undefined, county: CountyConfig) => Promise<Caller | undefined>,
  options: HandlerOptions,
) {
  const core = async (event: HttpEvent): Promise<APIGatewayProxyResultV2> => {
    const county = countyFromEnv();
    const claims = event.requestContext.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
    const caller = await callerOf(claims, county);
    if (caller && 'roles' in trigger.access) requireRole(caller, trigger.access.roles);
    if (caller?.system) {
      requireMachineScope(trigger, claims);
      if (!options.liveMachineClient) throw new Error(`${trigger.method} ${trigger.path}: a machine caller on a handler that cannot check its client`);
      await options.liveMachineClient(caller.system);
    }
    if (caller) logger.appendKeys({ callerRole: caller.role, callerOrg: caller.orgId });

    const now = new Date(event.requestContext.timeEpoch);
    // Rules that need today (no decision or birth date in the future) read the request's county-local day.
    const input = validatingOn(localDate(now, county.timeZone), () => ({
      caller,
      params: parsePart(trigger.request?.params, event.pathParameters ?? {}, 'path'),
      query: parsePart(trigger.request?.query, event.queryStringParameters ?? {}, 'query'),
      // Free text is stored with ID numbers masked, in whatever form typed: masked here, once, before any schema reads it.
      body: parsePart(trigger.request?.body, maskIdsInValue(readJsonBody(event, trigger), codeFields), 'body'),
      county,
      now,
      headers: event.headers ?? {},
    })) as HttpInput<T>;
    const output = await useCase(input);
    if (output.file) return file(output.status ?? trigger.response.status, output.file, output.headers);
    return json(output.status ?? trigger.response.status, output.body, output.headers);
  };

  return middy<HttpEvent, APIGatewayProxyResultV2, Error, Context>(core)
    // Never the event (POWERTOOLS_LOGGER_LOG_EVENT notwithstanding): its claims name the caller, a person by its ID number.
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use({ onError: (request) => void (request.response = errorResponse(request.error)) });
}

function parsePart(schema: z.ZodType | undefined, raw: unknown, where: 'path' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [where, ...issue.path].join('.');
  throw validationFailed(field, issue.message);
}

function readJsonBody(event: HttpEvent, trigger: HttpTrigger): unknown {
  if (!trigger.request?.body) return undefined;
  if (!event.body) throw validationFailed('body', 'a JSON body is required');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw validationFailed('body', 'must be valid JSON');
  }
  // Refused wherever they are, whatever the schema (a loose object or a record would pass them on).
  const forbidden = forbiddenKeyPath(body);
  if (forbidden) throw validationFailed(['body', ...forbidden].join('.'), `"${forbidden.at(-1)}" is not a field`);
  return body;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(guardAnswer(body)),
  };
}

const wholeResidentId = /^\d{17}[\dX]$/;

/**
 * The last guard of every JSON answer; the projections come first (presentRecord, presentCase, …). An ID
 * number inside text is masked, in any form (a text stored before free text was masked on the way in); a
 * value that is exactly one number is an ID field its projection chose to show (to the person, the credit
 * office). A sealed value never leaves: dropped, and logged as the projection's mistake it is.
 */
export function guardAnswer(body: unknown): unknown {
  const dropped: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return wholeResidentId.test(value) ? value : maskIdsInText(value);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}.${i}`));
    if (value === null || typeof value !== 'object') return value;
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && isSealedValue(item)) dropped.push(`${path}.${key}`);
      else entries.push([key, walk(item, `${path}.${key}`)]);
    }
    return Object.fromEntries(entries);
  };
  const guarded = walk(body, 'body');
  if (dropped.length > 0) logger.error('sealed values dropped from an answer: its projection must leave them out', { fields: dropped });
  return guarded;
}

/**
 * A binary response: API Gateway (HTTP API, payload 2.0) decodes a base64 body marked `isBase64Encoded`
 * before sending it, as the local gateway does. Offered as an attachment under its file name.
 */
export function file(status: number, download: HttpFile, headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': download.contentType,
      'content-disposition': `attachment; filename="${download.asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${rfc5987(download.fileName)}`,
      ...headers,
    },
    body: download.content.toString('base64'),
    isBase64Encoded: true,
  };
}

/** Percent-encoding of RFC 5987 `ext-value`: UTF-8, everything but its attr-chars encoded. */
const rfc5987 = (value: string): string => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function errorResponse(thrown: unknown): APIGatewayProxyResultV2 {
  const error = asPageTokenError(thrown) ?? thrown;
  if (error instanceof DomainError) {
    const status = statusOfKind[error.kind];
    if (status >= 500) logger.error('request failed', { code: error.code, error });
    else logger.info('request refused', { code: error.code, status, field: error.field });
    const body = { code: error.code, message: maskIdsInText(error.message), ...(error.field ? { field: error.field } : {}), ...(error instanceof FileRefused ? { problems: error.problems } : {}) };
    return json(status, { error: body });
  }
  logger.error('unexpected error', { error: error as Error });
  return json(500, { error: { code: 'INTERNAL', message: 'internal error; the request id is in the logs' } });
}
