import { z } from 'zod';
import { forbidden, unauthenticated } from '../http/errors.ts';
import { claimNames } from './claims.ts';
import { roles, type Role } from './roles.ts';

/** The authenticated caller, as every handler receives it. */
export interface Caller {
  role: Role;
  orgId: string;
  county: string;
  userId: string;
}

const claimsSchema = z.object({
  [claimNames.role]: z.enum(roles),
  [claimNames.orgId]: z.string().min(1).max(64),
  [claimNames.county]: z.string().min(1).max(32),
  [claimNames.userId]: z.string().min(1).max(128),
});

/**
 * Reads the caller from verified JWT claims (API Gateway's JWT authorizer on AWS, the local runtime's
 * verifier locally). Missing or malformed claims are 401; a token of another county is 403.
 */
export function callerFromClaims(claims: Record<string, unknown> | undefined, countyId: string): Caller {
  const parsed = claimsSchema.safeParse(claims ?? {});
  if (!parsed.success) throw unauthenticated('the token does not carry a role, organisation and county');
  const c = parsed.data;
  const caller: Caller = {
    role: c[claimNames.role],
    orgId: c[claimNames.orgId],
    county: c[claimNames.county],
    userId: c[claimNames.userId],
  };
  if (caller.county !== countyId) throw forbidden(`the token belongs to county "${caller.county}", not "${countyId}"`);
  return caller;
}

export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (!allowed.includes(caller.role))
    throw forbidden(`role "${caller.role}" may not call this route (allowed: ${allowed.join(', ')})`);
}
