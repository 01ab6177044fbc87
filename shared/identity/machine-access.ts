import { forbidden } from '../errors/domain-errors.ts';
import type { HttpTrigger } from '../lambda/declaration.ts';
import type { CallerSystem } from './caller.ts';
import { claimNames } from './claims.ts';
import { requireLiveMachineClient } from './live-machine-client.ts';

/**
 * A department's system may call only the routes offered to machines, with one of the route's scopes in its
 * token, and only while its client is live. The machine API's authorizer checks the first two already (its
 * routes and their authorization scopes); this is the same rule where the function runs, so no token reaches
 * a route by another path.
 */
export async function requireMachineAccess(system: CallerSystem, trigger: HttpTrigger, claims: Record<string, unknown> | undefined): Promise<void> {
  if (!trigger.machine) throw forbidden(`${trigger.method} ${trigger.path} is not offered to machine clients`);
  const granted = String(claims?.[claimNames.scope] ?? '').split(' ').filter(Boolean);
  if (!trigger.machine.scopes.some((s) => granted.includes(s)))
    throw forbidden(`the token's scopes (${granted.join(' ') || 'none'}) include none of ${trigger.machine.scopes.join(', ')}, which ${trigger.method} ${trigger.path} needs`);
  await requireLiveMachineClient(system);
}
