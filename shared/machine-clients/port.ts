/**
 * What other capabilities may use of the machine clients: the platform's signing key (the exchange signs the
 * deliveries it sends upstream with it, so receivers verify them with the machine API's published JWKS).
 */
export { tokenSignerFromEnv, type TokenSigner } from './token-signer.ts';
