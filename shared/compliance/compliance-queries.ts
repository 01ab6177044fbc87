import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseEvent, CaseState, CaseType } from '../cases/port.ts';
import type { PublicationDeadline } from '../records/port.ts';
import { tableName } from '../storage/resource-names.ts';
import { queryAll } from '../storage/query-all.ts';
import { keys, usageKeys } from '../storage/keys.ts';
import { creditTable, usageTable } from '../storage/tables.ts';

/**
 * The index queries of the compliance view, one per department and fact, each bounded by the period
 * (docs/access-patterns.md): never a table scan. Each answers what it found and the items it read.
 */
const queryItems = async (input: QueryCommandInput): Promise<Record<string, unknown>[]> => (await queryAll(input)).items;

/** The department's checks on the days `from`..`to` (usage log gsi1), counted with and without an outcome. */
export async function countChecks(orgId: string, from: string, to: string): Promise<{ checks: number; withOutcome: number }> {
  const range = usageKeys.checksByDepartmentBetween(orgId, from, to);
  const items = await queryItems({
    TableName: tableName(usageTable),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': range.gsi1pk, ':from': range.from, ':to': range.to },
    ProjectionExpression: 'checkId, #outcome.recordedAt',
    ExpressionAttributeNames: { '#outcome': 'outcome' },
  });
  return { checks: items.length, withOutcome: items.filter((i) => (i.outcome as { recordedAt?: string } | undefined)?.recordedAt).length };
}

export interface LatePublication {
  recordId: string;
  kind: string;
  decisionNumber: string;
  receivedOn: string;
  firstReceivedOn?: string;
  publication: PublicationDeadline;
}

/**
 * The department's records received between two instants (its records by receipt time, gsi1) that pass `filter`
 * (`:yes` is true; `values` adds others): one key range, the rest read by DynamoDB but not returned. With `read`,
 * also how many items DynamoDB read.
 */
export async function providerRecordsRead(args: { orgId: string; fromInstant: string; toInstant: string; filter: string; projection?: string; names?: Record<string, string>; values?: Record<string, unknown> }) {
  return queryAll({
    TableName: tableName(creditTable),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    FilterExpression: args.filter,
    ...(args.projection ? { ProjectionExpression: args.projection } : {}),
    ...(args.names ? { ExpressionAttributeNames: args.names } : {}),
    ExpressionAttributeValues: { ':pk': keys.recordsOfProvider(args.orgId), ':from': args.fromInstant, ':to': args.toInstant, ...(args.filter.includes(':yes') ? { ':yes': true } : {}), ...args.values },
  });
}
const providerRecordsBetween = async (orgId: string, fromInstant: string, toInstant: string, filter: string, projection: string) =>
  (await providerRecordsRead({ orgId, fromInstant, toInstant, filter, projection })).items;

/** Dual-publicity records the department pushed between two instants that came after their deadline. */
export async function latePublications(orgId: string, fromInstant: string, toInstant: string): Promise<LatePublication[]> {
  const items = await providerRecordsBetween(orgId, fromInstant, toInstant, 'publication.late = :yes', 'recordId, kind, decisionNumber, receivedOn, firstReceivedOn, publication');
  return items as unknown as LatePublication[];
}

/** What the data-quality desk reads of a record: late or with a provisional deadline or publicity end. */
export interface RecordToMend {
  recordId: string;
  kind: string;
  decisionNumber: string;
  decisionDate: string;
  subjectName: string;
  receivedOn: string;
  firstReceivedOn?: string;
  publication: PublicationDeadline | null;
  publicity: { publicUntil: string | null; provisional?: boolean };
}

/**
 * The department's records received between two instants (its records by receipt time, gsi1) that were late
 * or whose deadline or publicity end is provisional (a year whose holidays the calendar does not hold yet):
 * one key range, the rest filtered out by DynamoDB (read, not returned: the cost is the department's records
 * of the month).
 */
export async function recordsToMend(orgId: string, fromInstant: string, toInstant: string): Promise<RecordToMend[]> {
  const items = await providerRecordsBetween(
    orgId,
    fromInstant,
    toInstant,
    'publication.late = :yes OR publication.provisional = :yes OR publicity.provisional = :yes',
    'recordId, kind, decisionNumber, decisionDate, subjectName, receivedOn, firstReceivedOn, publication, publicity',
  );
  return items as unknown as RecordToMend[];
}

/** What the desk reads of an import: its file and counts (the refused rows are in the result file). */
export interface ImportSummary {
  importId: string;
  fileName: string;
  kind: string;
  createdAt: string;
  state: string;
  rowsRead: number;
  refused: number;
}

/** The department's imports started between two instants (gsi1, by creation time). */
export async function importsBetween(orgId: string, fromInstant: string, toInstant: string): Promise<ImportSummary[]> {
  const items = await queryItems({
    TableName: tableName(creditTable),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ProjectionExpression: 'importId, fileName, kind, createdAt, #state, rowsRead, refused',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':pk': keys.importsOfDepartment(orgId), ':from': fromInstant, ':to': toInstant },
  });
  return items as unknown as ImportSummary[];
}

export interface CaseSummary {
  caseId: string;
  caseType: CaseType;
  recordId: string;
  state: CaseState;
  answerBy?: string;
  answer?: { answeredAt: string };
  history: Pick<CaseEvent, 'event' | 'at'>[];
}

/** Cases on the department's records raised between two instants (its cases by raising time, gsi1). */
export async function casesRaisedBetween(orgId: string, fromInstant: string, toInstant: string): Promise<CaseSummary[]> {
  const items = await queryItems({
    TableName: tableName(creditTable),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ProjectionExpression: 'caseId, caseType, recordId, #state, answerBy, answer.answeredAt, history',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':pk': keys.casesOfProvider(orgId), ':from': fromInstant, ':to': toInstant },
  });
  return items as unknown as CaseSummary[];
}
