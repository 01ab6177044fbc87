import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { creditTable } from '../storage/tables.ts';
import type { Notice } from './publish-notice.ts';

/** A notice as stored and listed (keys stripped): what was published, and when. */
export type StoredNotice = Omit<Notice, 'addresseeKey' | 'public'> & { public: boolean; publishedAt: string; sentAt?: string };

export interface NoticePage {
  notices: StoredNotice[];
  lastKey?: Record<string, unknown>;
}

/** Where a listing reads: one index partition, and the part of its sort keys that matches. */
export type NoticeRange =
  /** The county's public notices, days `from`..`to`. */
  | { of: 'public'; from: string; to: string }
  /** One addressee's notices, days `from`..`to`; `kind` filters within the range (an addressee has few). */
  | { of: 'addressee'; addressee: string; from: string; to: string; kind?: string }
  /** Every notice of one day, of one kind if given (a key condition: the day index sorts by kind). */
  | { of: 'day'; date: string; kind?: string };

/** One page of notices, newest first (the day index: by kind within the day). Key-range queries only. */
export async function queryNotices(range: NoticeRange, limit: number, startKey?: Record<string, unknown>): Promise<NoticePage> {
  const base = { TableName: tableName(creditTable), ScanIndexForward: false, Limit: limit, ExclusiveStartKey: startKey };
  let query;
  switch (range.of) {
    case 'public': {
      const days = keys.daysBetween(range.from, range.to);
      query = {
        ...base,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.publicNoticesPartition, ':from': days.from, ':to': days.to },
      };
      break;
    }
    case 'addressee': {
      const days = keys.daysBetween(range.from, range.to);
      query = {
        ...base,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ...(range.kind ? { FilterExpression: 'kind = :kind' } : {}),
        ExpressionAttributeValues: {
          ':pk': keys.noticesOfAddressee(range.addressee),
          ':from': days.from,
          ':to': days.to,
          ...(range.kind ? { ':kind': range.kind } : {}),
        },
      };
      break;
    }
    case 'day':
      query = {
        ...base,
        IndexName: 'gsi1',
        KeyConditionExpression: range.kind ? 'gsi1pk = :pk AND begins_with(gsi1sk, :kind)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.noticesOfDay(range.date), ...(range.kind ? { ':kind': `${range.kind}#` } : {}) },
      };
      break;
  }
  const result = await dynamo.send(new QueryCommand(query));
  return { notices: (result.Items ?? []).map((i) => withoutKeys<StoredNotice>(i)), ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}) };
}
