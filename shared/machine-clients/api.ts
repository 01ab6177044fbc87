import * as z from 'zod';
import { machineScopes } from '../identity/machine-scopes.ts';
import { nameText, plainText } from '../http/input-text.ts';
import { organisationId as departmentOrgId } from '../http/common-schemas.ts';

export const machineScope = z.enum(machineScopes);

export const registerMachineClientBody = z
  .object({
    departmentOrgId: departmentOrgId.describe('The registered department the system acts for'),
    name: nameText(100).describe('The system’s name, shown on usage lists and to subjects (e.g. 工程建设项目审批系统)'),
    scopes: z.array(machineScope).min(1).max(machineScopes.length).refine((s) => new Set(s).size === s.length, 'must not repeat a scope').describe('What the system may do'),
  })
  .strict();

export const machineClientIdParams = z.object({ id: z.string().regex(/^mc_[A-Za-z0-9_-]{16}$/, 'must be a machine client id (mc_…)') });

export const revokeMachineClientBody = z.object({ reason: plainText(z.string().trim().min(1).max(500)).describe('Why the client is revoked') }).strict();

export const listMachineClientsQuery = z.object({ department: departmentOrgId.optional() }).strict();

export const machineClientBody = z
  .object({
    clientId: z.string(),
    departmentOrgId: z.string(),
    name: z.string(),
    scopes: z.array(machineScope),
    state: z.enum(['active', 'revoked']),
    registeredAt: z.string(),
    registeredBy: z.string(),
    secretIssuedAt: z.string(),
    rotations: z.number().int(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
    revokedReason: z.string().optional(),
  })
  .meta({ id: 'MachineClient' });

/** Registration and rotation: the client and, this once, its secret. */
export const machineClientWithSecretBody = machineClientBody
  .extend({
    clientSecret: z.string().describe('Shown once: the platform keeps only its hash'),
    tokenEndpoint: z.string().describe('Where the system asks for tokens (the machine API)'),
  })
  .meta({ id: 'MachineClientWithSecret' });

export const machineClientListBody = z.object({ clients: z.array(machineClientBody) });

export const tokenAnswerBody = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string(),
  })
  .meta({ id: 'MachineToken' });

export const issuerMetadataBody = z.object({
  issuer: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  grant_types_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
});

export const jwksBody = z.object({ keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() })) });
