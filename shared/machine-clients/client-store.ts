import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { keys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { tableName } from '../storage/resource-names.ts';
import { creditTable } from '../storage/tables.ts';
import type { StoredMachineClient } from './machine-client.ts';

/** DynamoDB adapter of the machine clients register: one MCLIENT item per client, listed by department on gsi1. */
const table = () => tableName(creditTable);

export async function putNewClient(client: StoredMachineClient): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.machineClient(client.clientId), ...keys.machineClientsByDepartment(client.departmentOrgId, client.clientId), ...client },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getClient(clientId: string): Promise<StoredMachineClient | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.machineClient(clientId), ConsistentRead: true }));
  return Item ? toClient(Item) : undefined;
}

/** Every client, or one department's: one query of gsi1 (the register is small). */
export async function listClients(departmentOrgId?: string): Promise<StoredMachineClient[]> {
  const { items } = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: departmentOrgId ? 'gsi1pk = :pk AND begins_with(gsi1sk, :dept)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.machineClients, ...(departmentOrgId ? { ':dept': `${departmentOrgId}#` } : {}) },
  });
  return items.map(toClient);
}

/** A new secret for an active client; `undefined` when the client is revoked (or gone) meanwhile. */
export async function storeRotatedSecret(clientId: string, secret: { secretHash: string; secretSalt: string }, at: string): Promise<StoredMachineClient | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.machineClient(clientId),
        UpdateExpression: 'SET secretHash = :h, secretSalt = :s, secretIssuedAt = :at, rotations = rotations + :one',
        ConditionExpression: '#state = :active',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':h': secret.secretHash, ':s': secret.secretSalt, ':at': at, ':one': 1, ':active': 'active' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toClient(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Revokes a client once; a second revocation answers the client as it is (`changed: false`). */
export async function storeRevocation(clientId: string, by: { at: string; by: string; reason: string }): Promise<{ client: StoredMachineClient; changed: boolean } | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.machineClient(clientId),
        UpdateExpression: 'SET #state = :revoked, revokedAt = :at, revokedBy = :by, revokedReason = :reason',
        ConditionExpression: '#state = :active',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':at': by.at, ':by': by.by, ':reason': by.reason },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { client: toClient(Attributes!), changed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const client = await getClient(clientId);
    return client ? { client, changed: false } : undefined;
  }
}

function toClient(item: Record<string, unknown>): StoredMachineClient {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...client } = item;
  return client as unknown as StoredMachineClient;
}
