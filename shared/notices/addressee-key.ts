import { createHash } from 'node:crypto';
import { isValidResidentId } from '../subjects/resident-id.ts';

/**
 * Whom a notice's addressee index names. A department, an agency, `creditOffice` or a company is its own
 * id; a person, addressed in the notice by the masked ID number (which several people can share), is
 * indexed by a digest of the full number, so the notice itself never holds the number and only that
 * person's `GET /notices` finds it.
 */
export const personAddresseeKey = (residentId: string): string =>
  `person-${createHash('sha256').update(`notice-addressee\u0000${residentId}`).digest('base64url').slice(0, 32)}`;

/** The addressee key of an authenticated caller: its org id, or (a person) the digest of its ID number. */
export const callerAddresseeKey = (caller: { role: string; orgId: string }): string =>
  caller.role === 'subject' && isValidResidentId(caller.orgId) ? personAddresseeKey(caller.orgId) : caller.orgId;
