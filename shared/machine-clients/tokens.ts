import { randomUUID } from 'node:crypto';
import { claimNames } from '../identity/claims.ts';
import { machineAudience, machineScopes, type MachineScope } from '../identity/machine-scopes.ts';
import { resourceEnv } from '../storage/tables.ts';
import { getClient } from './client-store.ts';
import { secretMatches } from './machine-client.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { logger } from '../lambda/logger.ts';
import { tokenSignerFromEnv, type TokenSigner } from './token-signer.ts';

/** A machine token's lifetime: short, as client-credentials tokens are; a system asks again when it ends. */
export const machineTokenSeconds = 3600;

/** The machine API's issuer: its own base URL, as the stack (and the local runtime) sets it. */
export function machineIssuer(env: NodeJS.ProcessEnv = process.env): string {
  const issuer = env[resourceEnv.machineTokenIssuer];
  if (!issuer) throw new Error(`${resourceEnv.machineTokenIssuer} is not set`);
  return issuer.replace(/\/$/, '');
}

export interface TokenRequest {
  /** The Authorization header, if any. */
  authorization?: string;
  /** The form-encoded body. */
  form: URLSearchParams;
}

/**
 * The token endpoint (POST /oauth2/token on the machine API): the client credentials grant, the client
 * authenticated by HTTP Basic (client_secret_basic) or in the body (client_secret_post), never both. The token
 * is a JWT (RFC 9068 profile: `typ` at+jwt) acting for the client's department, with its scopes (all the
 * client has, or those asked for, which must be among them), signed ES256 by the machine token key.
 */
export async function issueToken(request: TokenRequest, args: { signer: TokenSigner; countyId: string; now: Date }) {
  const { clientId, secret, basic } = clientCredentials(request);
  const grantType = request.form.get('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required', basic);
  if (grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', `grant_type must be client_credentials, not "${grantType.slice(0, 40)}"`, basic);
  const client = await getClient(clientId);
  if (!client || !secretMatches(client, secret)) throw new OAuthError('invalid_client', 'unknown client or wrong secret', basic);
  if (client.state !== 'active') throw new OAuthError('invalid_client', 'the client was revoked by the credit office', basic);

  const asked = request.form.get('scope');
  const scopes = asked === null ? client.scopes : asked.split(' ').filter(Boolean);
  const unknown = scopes.find((s) => !(machineScopes as readonly string[]).includes(s));
  if (unknown) throw new OAuthError('invalid_scope', `unknown scope "${unknown.slice(0, 40)}" (scopes: ${machineScopes.join(', ')})`, basic);
  const notGranted = scopes.find((s) => !client.scopes.includes(s as MachineScope));
  if (notGranted) throw new OAuthError('invalid_scope', `the client is not granted "${notGranted}" (granted: ${client.scopes.join(' ')})`, basic);
  if (scopes.length === 0) throw new OAuthError('invalid_scope', 'scope is empty', basic);

  const issuedAt = Math.floor(args.now.getTime() / 1000);
  const jwk = await args.signer.publicJwk();
  const header = { alg: 'ES256', typ: 'at+jwt', kid: jwk.kid };
  const payload = {
    iss: machineIssuer(),
    sub: client.clientId,
    aud: machineAudience(args.countyId),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + machineTokenSeconds,
    jti: randomUUID(),
    token_use: 'access',
    [claimNames.clientId]: client.clientId,
    [claimNames.clientName]: client.name,
    [claimNames.scope]: scopes.join(' '),
    [claimNames.role]: 'department',
    [claimNames.orgId]: client.departmentOrgId,
    [claimNames.county]: args.countyId,
  };
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = await args.signer.sign(Buffer.from(signingInput));
  logger.info('token issued', { clientId: client.clientId, scope: scopes.join(' ') });
  return {
    access_token: `${signingInput}.${signature.toString('base64url')}`,
    token_type: 'Bearer' as const,
    expires_in: machineTokenSeconds,
    scope: scopes.join(' '),
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function clientCredentials(request: TokenRequest): { clientId: string; secret: string; basic: boolean } {
  const header = request.authorization;
  const inBody = request.form.has('client_secret');
  if (header !== undefined) {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    if (!match) throw new OAuthError('invalid_client', 'the Authorization header must be HTTP Basic with the client id and secret', true);
    if (inBody) throw new OAuthError('invalid_request', 'authenticate either with HTTP Basic or with client_secret in the body, not both', true);
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'HTTP Basic credentials must be client_id:client_secret', true);
    // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        throw new OAuthError('invalid_client', 'HTTP Basic credentials are not form-urlencoded', true);
      }
    };
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)), basic: true };
  }
  const clientId = request.form.get('client_id');
  const secret = request.form.get('client_secret');
  if (!clientId || !secret) throw new OAuthError('invalid_client', 'client authentication is required: HTTP Basic, or client_id and client_secret in the body');
  return { clientId, secret, basic: false };
}

/** The issuer's metadata (OpenID Connect Discovery / RFC 8414), which the machine API's JWT authorizer reads. */
export function issuerMetadata() {
  const issuer = machineIssuer();
  return {
    issuer,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: [...machineScopes],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
  };
}

export async function jwks(signer: TokenSigner) {
  return { keys: [await signer.publicJwk()] };
}

let signer: TokenSigner | undefined;
/** POST /oauth2/token as the edge calls it: the signer of this function's environment, made once per warm function. */
export const issueTokenFromForm = (input: { authorization?: string; form: URLSearchParams; county: { id: string }; now: Date }) =>
  issueToken({ authorization: input.authorization, form: input.form }, { signer: (signer ??= tokenSignerFromEnv()), countyId: input.county.id, now: input.now });
