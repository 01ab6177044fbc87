import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { creditTable } from '../storage/tables.ts';
import type { Department } from './department.ts';

/** DynamoDB adapter of the departments register: ORG items of role department. */
const table = () => tableName(creditTable);
const role = 'department';

function toDepartment(item: Record<string, unknown>): Department {
  const { orgId, name, registeredAt, renamedAt } = item as unknown as Department;
  return { orgId, name, ...(registeredAt ? { registeredAt } : {}), ...(renamedAt ? { renamedAt } : {}) };
}

/**
 * Registers a department, or renames a registered one. `created` for a new organisation, `renamed` for
 * a department already there, `otherRole` when the id belongs to an agency, subject or the credit office.
 */
export async function putDepartment(orgId: string, name: string, now: Date): Promise<{ outcome: 'created' | 'renamed' | 'otherRole'; department?: Department }> {
  const at = now.toISOString();
  try {
    const item = { ...keys.organisation(orgId), ...keys.organisationsByRole(role, orgId), orgId, role, name, registeredAt: at };
    await dynamo.send(new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { outcome: 'created', department: toDepartment(item) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.organisation(orgId),
        UpdateExpression: 'SET #name = :name, renamedAt = :at',
        ConditionExpression: '#role = :role',
        ExpressionAttributeNames: { '#name': 'name', '#role': 'role' },
        ExpressionAttributeValues: { ':name': name, ':at': at, ':role': role },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { outcome: 'renamed', department: toDepartment(Attributes!) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { outcome: 'otherRole' };
    throw error;
  }
}

export async function getDepartment(orgId: string): Promise<Department | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.organisation(orgId), ConsistentRead: true }));
  return Item && Item.role === role ? toDepartment(Item) : undefined;
}

/** Every registered department, by org id: one query of the organisations-by-role index, every page (the register is small). */
export async function listDepartments(): Promise<{ departments: Department[]; itemsRead: number }> {
  const { gsi1pk } = keys.organisationsByRole(role, '');
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': gsi1pk } });
  const departments = items.map(toDepartment);
  return { departments, itemsRead: departments.length };
}
