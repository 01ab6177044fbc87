import { forbidden } from '../errors/domain-errors.ts';
import type { HttpTrigger } from '../lambda/declaration.ts';
import { claimNames } from './claims.ts';

/**
 * A department's system may call only the routes offered to machines, with one of the route's scopes in its
 * token. The machine API's authorizer checks both already (its routes and their authorization scopes); this is
 * the same rule where the function runs, so no token reaches a route by another path. Pure: whether the client
 * is still live is read by the machine routes' own handler (shared/http/machine-http-handler.ts).
 */
export function requireMachineScope(trigger: HttpTrigger, claims: Record<string, unknown> | undefined): void {
  if (!trigger.machine) throw forbidden(`${trigger.method} ${trigger.path} is not offered to machine clients`);
  const granted = grantedScopes(claims);
  if (!holdsScope(trigger.machine.scopes, claims))
    throw forbidden(`the token's scopes (${granted.join(' ') || 'none'}) include none of ${trigger.machine.scopes.join(', ')}, which ${trigger.method} ${trigger.path} needs`);
}

/** The scopes a token holds (its space-separated `scope` claim, RFC 6749). */
export const grantedScopes = (claims: Record<string, unknown> | undefined): string[] => String(claims?.[claimNames.scope] ?? '').split(' ').filter(Boolean);

/** Whether the token holds any one of a route's scopes (as API Gateway's authorization scopes admit it). */
export const holdsScope = (required: readonly string[], claims: Record<string, unknown> | undefined): boolean => {
  const granted = grantedScopes(claims);
  return required.some((s) => granted.includes(s));
};
