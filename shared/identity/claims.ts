/**
 * JWT claim names that carry the caller's identity. On AWS they are Cognito custom attributes of the
 * stack's user pool (ID token); locally, the runtime signs tokens with the same claims.
 */
export const claimNames = {
  role: 'custom:role',
  orgId: 'custom:orgId',
  county: 'custom:county',
  userId: 'sub',
  /** A machine client's token (docs/machine-clients.md): the client, its name when issued, and its scopes (space-separated, RFC 6749). */
  clientId: 'client_id',
  clientName: 'client_name',
  scope: 'scope',
} as const;

/** Cognito custom attribute names (without the `custom:` prefix), for the user pool definition. */
export const customAttributes = ['role', 'orgId', 'county'] as const;
