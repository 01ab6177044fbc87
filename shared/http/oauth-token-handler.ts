import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { CountyConfig } from '../config/county-config.ts';
import { countyFromEnv } from '../config/county-from-env.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { logger } from '../lambda/logger.ts';

export interface TokenRequestInput {
  /** The Authorization header, if any. */
  authorization?: string;
  /** The form-encoded body, each parameter once. */
  form: URLSearchParams;
  county: CountyConfig;
  now: Date;
}

/**
 * The edge of an OAuth 2.0 token endpoint as RFC 6749 wants it: a form-encoded request (§4.4.2), a JSON answer no
 * cache keeps (§5.1), and the protocol's own error shape `{ error, error_description }`: 400, or 401 for
 * `invalid_client` (§5.2). The platform's `{ error: { code } }` shape is for its API, not this endpoint.
 */
export function oauthTokenHandler(useCase: (input: TokenRequestInput) => Promise<Record<string, unknown>>) {
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    try {
      if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('invalid_request', 'the request must be application/x-www-form-urlencoded (RFC 6749 §4.4.2)');
      const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
      if (text.length > 4096) throw new OAuthError('invalid_request', 'the request is too long');
      const form = new URLSearchParams(text);
      for (const name of new Set(form.keys())) if (form.getAll(name).length > 1) throw new OAuthError('invalid_request', `${name} must not repeat`);
      const answer = await useCase({ authorization: headers.authorization, form, county: countyFromEnv(), now: new Date(event.requestContext.timeEpoch) });
      return reply(200, answer);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      logger.info('token refused', { error: error.error, description: error.description });
      const status = error.error === 'invalid_client' ? 401 : 400;
      return reply(status, { error: error.error, error_description: error.description }, status === 401 && error.basic ? { 'www-authenticate': 'Basic realm="credit-platform-machine-api"' } : {});
    }
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>(core).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
}

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
  body: JSON.stringify(body),
});
