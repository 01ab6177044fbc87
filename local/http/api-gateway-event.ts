import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockOffsetMs } from '../../shared/time/clock.ts';

const textTypes = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * An API Gateway HTTP API (payload 2.0) event for a local request, as the JWT authorizer would pass it.
 * Its `requestContext.time`/`timeEpoch` (the `now` of HTTP handlers) are on the platform clock
 * (shared/time/clock.ts), which the local runtime may have moved forward.
 */
export function apiGatewayEvent(options: {
  request: IncomingMessage;
  url: URL;
  routeKey: string;
  pathParameters: Record<string, string>;
  body: Buffer;
  claims?: Record<string, unknown>;
  /**
   * When the request arrived by the system clock (`new Date()`; default: now). The event carries that
   * instant on the platform clock: plus the offset the local runtime has moved it by.
   */
  now?: Date;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, body } = options;
  const now = new Date((options.now?.getTime() ?? Date.now()) + clockOffsetMs());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || textTypes.test(contentType);
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(options.pathParameters).length ? options.pathParameters : undefined,
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: !isText,
    stageVariables: undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: options.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      // Public routes have no authorizer on AWS, so their events carry none.
      authorizer: options.claims
        ? { principalId: '', integrationLatency: 0, jwt: { claims: options.claims as Record<string, string>, scopes: [] } }
        : undefined,
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
