import * as z from 'zod';
import { forbidden, unauthenticated } from '../errors/domain-errors.ts';
import { claimNames } from './claims.ts';
import { roles, type Role } from './roles.ts';
import { personKey } from '../privacy/personal-ids.ts';
import { maskResidentId } from '../privacy/resident-id-mask.ts';
import { parseSubjectId, SubjectIdError } from '../subjects/subject-id.ts';

/** The authenticated caller, as every handler receives it. */
export interface Caller {
  role: Role;
  /**
   * The organisation the caller acts for: a department's, agency's or institution's id, or the subject
   * itself. A person is its person key (`P_…`, shared/privacy/personal-ids.ts), never the ID number:
   * compared with stored keys, logged, written into the usage log as it is.
   */
  orgId: string;
  /** How the caller's own subject ID is shown back to it (a person: the masked number). */
  displayOrgId?: string;
  county: string;
  userId: string;
  /**
   * The department's system that called, when the token is a machine client's (OAuth 2.0 client credentials,
   * docs/machine-clients.md): every check, outcome and record it makes says so. Absent for a person.
   */
  system?: CallerSystem;
}

/** A department's system, as its token names it: the client id the credit office registered and the system's name. */
export interface CallerSystem {
  clientId: string;
  name: string;
}

const claimsSchema = z.object({
  [claimNames.role]: z.enum(roles),
  [claimNames.orgId]: z.string().min(1).max(64),
  [claimNames.county]: z.string().min(1).max(32),
  [claimNames.userId]: z.string().min(1).max(128),
  [claimNames.clientId]: z.string().min(1).max(64).optional(),
  [claimNames.clientName]: z.string().min(1).max(100).optional(),
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
  const clientId = c[claimNames.clientId];
  // Only a department's system holds client credentials (the register refuses any other role).
  if (clientId !== undefined) {
    if (caller.role !== 'department') throw unauthenticated('a machine token must act for a department');
    caller.system = { clientId, name: c[claimNames.clientName] ?? clientId };
  }
  if (caller.county !== countyId) throw forbidden(`the token belongs to county "${caller.county}", not "${countyId}"`);
  return caller;
}

/**
 * The caller as handlers see it: a subject's token names it by its USCC or ID number (the Cognito
 * attribute); a person is replaced here, once, by its person key, so no use case, log line or stored
 * item ever holds the number. A subject token that names neither is 401.
 */
export async function protectCaller(caller: Caller): Promise<Caller> {
  if (caller.role !== 'subject') return caller;
  let subject: { type: 'uscc' | 'residentId'; id: string };
  try {
    subject = parseSubjectId(caller.orgId);
  } catch (error) {
    if (error instanceof SubjectIdError) throw unauthenticated('the token names no subject: its organisation is neither a unified social credit code nor a resident ID number');
    throw error;
  }
  if (subject.type === 'uscc') return { ...caller, orgId: subject.id };
  return { ...caller, orgId: await personKey(subject.id), displayOrgId: maskResidentId(subject.id) };
}

/** The caller as GET /me answers it: a person named by its number masked, never by its look-up key. */
export const presentCaller = (caller: Caller): Caller => (caller.displayOrgId ? { ...caller, orgId: caller.displayOrgId } : caller);

export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (!allowed.includes(caller.role))
    throw forbidden(`role "${caller.role}" may not call this route (allowed: ${allowed.join(', ')})`);
}
