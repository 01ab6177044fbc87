import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays, type IsoDate } from '../../calendar/dates.ts';
import { tableName } from '../../storage/resource-names.ts';
import { queryAll } from '../../storage/query-all.ts';
import { keys, type DueItemKind } from '../../storage/keys.ts';
import { creditTable } from '../../storage/tables.ts';

/** Items of one index key range, every page, and how many items DynamoDB read for them. */
export interface IndexRead {
  items: Record<string, unknown>[];
  itemsRead: number;
}

async function readAll(query: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<IndexRead> {
  const { items, itemsRead } = await queryAll({ ...query, TableName: tableName(creditTable) });
  return { items, itemsRead };
}

const merge = (reads: IndexRead[]): IndexRead => ({ items: reads.flatMap((r) => r.items), itemsRead: reads.reduce((n, r) => n + r.itemsRead, 0) });

/** The months (`YYYY-MM`) that days `from`..`to` touch, in order. */
export function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  for (let day = from; day <= to; day = addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7) + '-01') months.push(day.slice(0, 7));
  return months;
}

/** Items falling due on days `from`..`to` (inclusive): one key-range query per month partition of the due-date index. */
export async function readDue(what: DueItemKind, from: IsoDate, to: IsoDate): Promise<IndexRead> {
  const days = keys.daysBetween(from, to);
  return merge(
    await Promise.all(
      monthsBetween(from, to).map((month) =>
        readAll({
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.dueInMonth(what, month), ':from': days.from, ':to': days.to },
        }),
      ),
    ),
  );
}

/** Late dual-publicity records received on each of the days (one partition per receipt day). */
export async function readLatePublications(days: IsoDate[]): Promise<IndexRead[]> {
  return Promise.all(
    days.map((day) =>
      readAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.latePublicationsOn(day) } }),
    ),
  );
}

/** Open cases whose answer day is before `today` (the open-case index sorts by answer day). */
export async function readOpenCasesDueBefore(today: IsoDate): Promise<IndexRead> {
  return readAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :today',
    ExpressionAttributeValues: { ':pk': keys.openCases, ':today': today },
  });
}
