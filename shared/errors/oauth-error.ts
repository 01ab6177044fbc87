/**
 * An OAuth 2.0 token request refused (RFC 6749 §5.2), in the protocol's own codes, which standard OAuth clients
 * read. The token endpoint's edge (shared/http/oauth-token-handler.ts) maps it to 400, or 401 for `invalid_client`.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'unauthorized_client',
    readonly description: string,
    /** The client authenticated with HTTP Basic: a 401 names the scheme (RFC 6749 §5.2). */
    readonly basic = false,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
