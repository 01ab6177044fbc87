import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/storage/keys.ts';
import { keptSecret, type StoredMachineClient } from '../../shared/machine-clients/machine-client.ts';

/**
 * A demo system of the finance bureau (政府采购), registered on every start with known credentials, so that the
 * README's machine-client example runs against `npm start` as it is. Local only: on AWS the credit office
 * registers systems (POST /machine-clients) and each secret is random and shown once.
 */
export const demoMachineClient = { clientId: 'mc_demo-finance-sys', clientSecret: 'mcs_local-demo-secret-not-for-production', departmentOrgId: 'dept-finance', name: '政府采购交易系统（演示）' } as const;

export async function loadDemoMachineClient(options: { dynamo: DynamoDBDocumentClient; creditTableName: string; now: Date }): Promise<void> {
  const { secret: _, ...kept } = keptSecret(demoMachineClient.clientSecret);
  const at = options.now.toISOString();
  const client: StoredMachineClient = {
    clientId: demoMachineClient.clientId,
    departmentOrgId: demoMachineClient.departmentOrgId,
    name: demoMachineClient.name,
    scopes: ['checks:run', 'checks:outcome', 'records:write'],
    state: 'active',
    registeredAt: at,
    registeredBy: 'local-demo',
    secretIssuedAt: at,
    rotations: 0,
    ...kept,
  };
  await options.dynamo.send(
    new PutCommand({
      TableName: options.creditTableName,
      Item: { ...keys.machineClient(client.clientId), ...keys.machineClientsByDepartment(client.departmentOrgId, client.clientId), ...client, demo: true },
    }),
  );
}
