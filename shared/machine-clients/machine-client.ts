import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MachineScope } from '../identity/machine-scopes.ts';

/**
 * A department's system (an approval, procurement or trading system) registered by the credit office to call
 * the machine API with OAuth 2.0 client credentials (RFC 6749 §4.4; docs/machine-clients.md). The secret is
 * shown once, at registration or rotation, and kept only as a salted hash.
 */
export interface MachineClient {
  clientId: string;
  departmentOrgId: string;
  /** The system's name, as usage lists and "who looked at me" show it (e.g. 工程建设项目审批系统). */
  name: string;
  scopes: MachineScope[];
  state: 'active' | 'revoked';
  registeredAt: string;
  registeredBy: string;
  /** When the secret in force was issued (registration or the last rotation). */
  secretIssuedAt: string;
  rotations: number;
  revokedAt?: string;
  revokedBy?: string;
  revokedReason?: string;
}

/** What is stored besides: the secret's hash and salt, never shown. */
export interface StoredMachineClient extends MachineClient {
  secretHash: string;
  secretSalt: string;
}

export const newClientId = (): string => `mc_${randomBytes(12).toString('base64url')}`;

/**
 * A client secret: 256 random bits. A hash suffices to keep it (no slow password hash): a secret this long
 * cannot be guessed from its hash, as with API tokens; the salt keeps two clients' hashes unrelated.
 */
export function newSecret(): { secret: string; secretHash: string; secretSalt: string } {
  return keptSecret(`mcs_${randomBytes(32).toString('base64url')}`);
}

/** What is kept of a secret: its salted hash (the local demo keeps a known one this way). */
export function keptSecret(secret: string): { secret: string; secretHash: string; secretSalt: string } {
  const secretSalt = randomBytes(16).toString('base64url');
  return { secret, secretHash: hashSecret(secret, secretSalt), secretSalt };
}

const hashSecret = (secret: string, salt: string): string => createHash('sha256').update(`${salt}\u0000${secret}`).digest('base64url');

/** Whether `secret` is the client's secret in force, compared in constant time. */
export function secretMatches(client: StoredMachineClient, secret: string): boolean {
  const given = Buffer.from(hashSecret(secret, client.secretSalt));
  const kept = Buffer.from(client.secretHash);
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** The client as the credit office and its department see it: no hash, no salt. */
export function presentClient(client: StoredMachineClient | MachineClient): MachineClient {
  const { secretHash: _h, secretSalt: _s, ...shown } = client as StoredMachineClient;
  return shown;
}
