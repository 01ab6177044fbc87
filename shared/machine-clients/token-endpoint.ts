import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { countyFromEnv } from '../config/county-from-env.ts';
import { logger } from '../lambda/logger.ts';
import { issueToken, OAuthError } from './tokens.ts';
import { tokenSignerFromEnv, type TokenSigner } from './token-signer.ts';

let signer: TokenSigner | undefined;

/**
 * POST /oauth2/token as RFC 6749 wants it: a form-encoded request, a JSON answer that no cache keeps, and the
 * protocol's own error shape (`{ error, error_description }`: 400, or 401 for `invalid_client`), which OAuth
 * client libraries read. The platform's own `{ error: { code } }` shape is for its API, not this endpoint.
 */
export function tokenEndpointHandler() {
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const headers = lowerCase(event.headers ?? {});
    const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    try {
      if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('invalid_request', 'the request must be application/x-www-form-urlencoded (RFC 6749 §4.4.2)');
      const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
      if (text.length > 4096) throw new OAuthError('invalid_request', 'the request is too long');
      const form = new URLSearchParams(text);
      for (const name of new Set(form.keys())) if (form.getAll(name).length > 1) throw new OAuthError('invalid_request', `${name} must not repeat`);
      const county = countyFromEnv();
      const answer = await issueToken({ authorization: headers.authorization, form }, { signer: (signer ??= tokenSignerFromEnv()), countyId: county.id, now: new Date(event.requestContext.timeEpoch) });
      logger.info('token issued', { clientId: JSON.parse(Buffer.from(answer.access_token.split('.')[1]!, 'base64url').toString()).client_id, scope: answer.scope });
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

const lowerCase = (headers: Record<string, string | undefined>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
