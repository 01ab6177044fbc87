import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import {
  issuerMetadataBody,
  jwksBody,
  listMachineClientsQuery,
  machineClientBody,
  machineClientIdParams,
  machineClientListBody,
  machineClientWithSecretBody,
  registerMachineClientBody,
  revokeMachineClientBody,
  tokenAnswerBody,
} from './api.ts';

/**
 * The machine clients capability (docs/machine-clients.md): the credit office's register of departments'
 * systems, and the OAuth 2.0 token service of the machine API (client credentials) with its issuer metadata.
 */
export const machineClientsFunctions = [
  declare({
    name: 'register-machine-client',
    description: "The credit office registers a department's system as a machine client; its secret is answered once",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/machine-clients',
      access: { roles: ['creditOffice'] },
      summary: 'Register a machine client (a department’s system) with its scopes: answers the client id and, once, its secret',
      request: { body: registerMachineClientBody },
      response: { status: 201, body: machineClientWithSecretBody },
    },
    resources: { creditTable: 'readWrite', machineTokens: 'issuer' },
  }),
  declare({
    name: 'list-machine-clients',
    description: 'The machine clients register: the credit office sees all, a department its own',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/machine-clients',
      access: { roles: ['creditOffice', 'department'] },
      summary: 'The machine clients (credit office: all or ?department=; a department: its own); no secret',
      request: { query: listMachineClientsQuery },
      response: { status: 200, body: machineClientListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'rotate-machine-client-secret',
    description: "A new secret for a machine client; the old one stops at once",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/machine-clients/{id}/secret',
      access: { roles: ['creditOffice'] },
      summary: 'Rotate a machine client’s secret: answers the new secret once (a revoked client: 409)',
      request: { params: machineClientIdParams },
      response: { status: 200, body: machineClientWithSecretBody },
    },
    resources: { creditTable: 'readWrite', machineTokens: 'issuer' },
  }),
  declare({
    name: 'revoke-machine-client',
    description: 'The credit office revokes a machine client: no new token, and its tokens refused within half a minute',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/machine-clients/{id}/revoke',
      access: { roles: ['creditOffice'] },
      summary: 'Revoke a machine client (idempotent: a revoked client answers as it is)',
      request: { params: machineClientIdParams, body: revokeMachineClientBody },
      response: { status: 200, body: machineClientBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
  declare({
    name: 'issue-machine-token',
    description: 'The machine API’s OAuth 2.0 token endpoint: client credentials grant, ES256 access tokens',
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/oauth2/token',
      api: 'machine',
      access: { public: true },
      summary: 'OAuth 2.0 token endpoint (RFC 6749 §4.4): grant_type=client_credentials, client_secret_basic or client_secret_post; form-encoded',
      response: { status: 200, body: tokenAnswerBody },
    },
    resources: { creditTable: 'read', machineTokens: 'sign' },
  }),
  declare({
    name: 'get-machine-issuer',
    description: 'The machine API issuer’s metadata (OpenID Connect discovery), read by the JWT authorizer',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/.well-known/openid-configuration',
      api: 'machine',
      access: { public: true },
      summary: 'The token issuer’s metadata',
      response: { status: 200, body: issuerMetadataBody },
    },
    resources: { machineTokens: 'issuer' },
  }),
  declare({
    name: 'get-machine-jwks',
    description: 'The public key machine tokens are verified with (JWKS)',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/.well-known/jwks.json',
      api: 'machine',
      access: { public: true },
      summary: 'The token signing key, public part (JWK Set)',
      response: { status: 200, body: jwksBody },
    },
    resources: { machineTokens: 'publish' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...machineClientsFunctions]);
