import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unauthenticated } from '../errors/domain-errors.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys } from '../storage/keys.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { CallerSystem } from './caller.ts';

/** How long a warm function trusts what it read of a client: a revocation takes effect within this, not the token's hour. */
export const machineClientCacheMs = 30_000;
const seen = new Map<string, { live: boolean; until: number }>();

/**
 * A machine token is honoured only while its client is registered and not revoked: the token's signature
 * and lifetime are checked by the gateway, the register here (one read per client per 30 s of a warm
 * function), so that the credit office's revocation stops a system at once rather than when its token expires.
 */
export async function requireLiveMachineClient(system: CallerSystem, at: number = Date.now()): Promise<void> {
  const cached = seen.get(system.clientId);
  let live = cached && cached.until > at ? cached.live : undefined;
  if (live === undefined) {
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(creditTable), Key: keys.machineClient(system.clientId), ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'state' } }));
    live = Item?.state === 'active';
    seen.set(system.clientId, { live, until: at + machineClientCacheMs });
  }
  if (!live) throw unauthenticated(`machine client ${system.clientId} is revoked or not registered`);
}

/** Forgets what was read (a revocation in this same function, and tests). */
export const forgetMachineClient = (clientId?: string): void => void (clientId ? seen.delete(clientId) : seen.clear());
