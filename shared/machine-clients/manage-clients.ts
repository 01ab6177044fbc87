import type { z } from 'zod';
import type { Caller } from '../identity/caller.ts';
import { forgetMachineClient } from '../identity/live-machine-client.ts';
import { conflict, forbidden, notFound } from '../errors/domain-errors.ts';
import { getDepartment } from '../departments/port.ts';
import type { registerMachineClientBody, revokeMachineClientBody } from './api.ts';
import { getClient, listClients, putNewClient, storeRevocation, storeRotatedSecret } from './client-store.ts';
import { newClientId, newSecret, presentClient, type StoredMachineClient } from './machine-client.ts';
import { machineIssuer } from './tokens.ts';

/** POST /machine-clients: the credit office registers a system of a registered department; the secret is answered once. */
export async function registerMachineClient(body: z.output<typeof registerMachineClientBody>, args: { caller: Caller; now: Date }) {
  if (!(await getDepartment(body.departmentOrgId))) throw conflict(`department ${body.departmentOrgId} is not registered: register it first (POST /departments)`, 'body.departmentOrgId');
  const at = args.now.toISOString();
  const { secret, ...kept } = newSecret();
  const client: StoredMachineClient = {
    clientId: newClientId(),
    departmentOrgId: body.departmentOrgId,
    name: body.name,
    scopes: [...body.scopes],
    state: 'active',
    registeredAt: at,
    registeredBy: args.caller.userId,
    secretIssuedAt: at,
    rotations: 0,
    ...kept,
  };
  await putNewClient(client);
  return withSecret(client, secret);
}

/** POST /machine-clients/{id}/secret: a new secret; the old one stops at once (tokens it already got last their hour). */
export async function rotateMachineClientSecret(clientId: string, args: { now: Date }) {
  const existing = await getClient(clientId);
  if (!existing) throw notFound(`machine client ${clientId}`);
  const { secret, ...kept } = newSecret();
  const rotated = await storeRotatedSecret(clientId, kept, args.now.toISOString());
  if (!rotated) throw conflict(`machine client ${clientId} is revoked: register a new one`);
  return withSecret(rotated, secret);
}

/** POST /machine-clients/{id}/revoke: the client is refused tokens at once and its tokens within half a minute. */
export async function revokeMachineClient(clientId: string, body: z.output<typeof revokeMachineClientBody>, args: { caller: Caller; now: Date }) {
  const result = await storeRevocation(clientId, { at: args.now.toISOString(), by: args.caller.userId, reason: body.reason });
  if (!result) throw notFound(`machine client ${clientId}`);
  forgetMachineClient(clientId);
  return presentClient(result.client);
}

/** GET /machine-clients: the credit office sees every client (or one department's); a department its own. */
export async function listMachineClients(query: { department?: string }, caller: Caller) {
  if (caller.role === 'department' && query.department !== undefined && query.department !== caller.orgId) throw forbidden('a department lists its own machine clients only');
  const department = caller.role === 'department' ? caller.orgId : query.department;
  const clients = await listClients(department);
  return { clients: clients.map(presentClient) };
}

function withSecret(client: StoredMachineClient, clientSecret: string) {
  return { ...presentClient(client), clientSecret, tokenEndpoint: `${machineIssuer()}/oauth2/token` };
}
