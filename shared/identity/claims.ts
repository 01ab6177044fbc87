/**
 * JWT claim names that carry the caller's identity. On AWS they are Cognito custom attributes of the
 * stack's user pool (ID token); locally, the runtime signs tokens with the same claims.
 */
export const claimNames = {
  role: 'custom:role',
  orgId: 'custom:orgId',
  county: 'custom:county',
  userId: 'sub',
} as const;

/** Cognito custom attribute names (without the `custom:` prefix), for the user pool definition. */
export const customAttributes = ['role', 'orgId', 'county'] as const;
