import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyStatus } from './api.ts';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { creditTable } from '../storage/tables.ts';

/** DynamoDB adapter of the agency register: ORG items of role agency. */
export interface Agency {
  agencyId: string;
  name: string;
  uscc: string;
  filingNumber: string;
  filingAuthority: string;
  status: AgencyStatus;
  registeredAt?: string;
  statusChange?: { status: AgencyStatus; reason: string; at: string; by: string };
}

const table = () => tableName(creditTable);

/** Stores a new agency; false if the organisation id is taken. */
export async function putNewAgency(agency: Agency): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.organisation(agency.agencyId), ...keys.organisationsByRole('agency', agency.agencyId), orgId: agency.agencyId, role: 'agency', ...agency },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getAgency(agencyId: string): Promise<Agency | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.organisation(agencyId), ConsistentRead: true }));
  if (!Item || Item.role !== 'agency') return undefined;
  return toAgency(Item);
}

/** Sets the status of a registered agency; undefined if there is none of that id. */
export async function setAgencyStatus(agencyId: string, change: NonNullable<Agency['statusChange']>): Promise<Agency | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.organisation(agencyId),
        UpdateExpression: 'SET #status = :s, statusChange = :c',
        ConditionExpression: '#role = :agency',
        ExpressionAttributeNames: { '#status': 'status', '#role': 'role' },
        ExpressionAttributeValues: { ':s': change.status, ':c': change, ':agency': 'agency' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toAgency(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Every registered agency: one query of the organisations-by-role index (the register is small). */
export async function listAgencies(): Promise<Agency[]> {
  const { gsi1pk } = keys.organisationsByRole('agency', '');
  const { items } = await queryAll({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': gsi1pk } });
  return items.map(toAgency);
}

function toAgency(item: Record<string, unknown>): Agency {
  const agencyId = (item.agencyId ?? item.orgId) as string;
  return {
    agencyId,
    name: item.name as string,
    uscc: (item.uscc as string) ?? '',
    filingNumber: (item.filingNumber as string) ?? '',
    filingAuthority: (item.filingAuthority as string) ?? '',
    // An organisation stored before the register (no status) is not an active registered agency.
    status: (item.status as AgencyStatus) ?? 'suspended',
    ...(item.registeredAt ? { registeredAt: item.registeredAt as string } : {}),
    ...(item.statusChange ? { statusChange: item.statusChange as Agency['statusChange'] } : {}),
  };
}
