import type { z } from 'zod';
import type { listRecordsQuery } from './api.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { addDays, endOfLocalDay, localDate } from '../calendar/dates.ts';
import type { Caller } from '../identity/caller.ts';
import { validationFailed } from '../errors/domain-errors.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { presentMaskedRecord } from './present-record.ts';
import { providerRecordsPage } from './record-store.ts';
import { statusOf } from './record-status.ts';

/**
 * GET /records: the department's own records, newest received first, paged, by kind, status today, the days
 * received (`from`..`to`, county-local), part of the decision number or subject name (`q`) and lateness.
 * Read from the index of its records by receipt (no scan); kind, `q` and lateness are a FilterExpression
 * (read, not returned), the status is told in code by the one rule (`statusOf`, it depends on today).
 * A department never sees a person's ID number whole (`accessPolicy.revealIds`): masked, no seal opened.
 */
export async function listOwnRecords(args: { query: z.output<typeof listRecordsQuery>; caller: Caller; county: CountyConfig; now: Date }) {
  const { query, county } = args;
  const today = localDate(args.now, county.timeZone);
  if (query.from && query.to && query.from > query.to) throw validationFailed('query.from', 'must not be after query.to');
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.kind) {
    conditions.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = query.kind;
  }
  if (query.late) {
    conditions.push(query.late === 'true' ? 'publication.late = :late' : '(attribute_not_exists(publication.late) OR publication.late = :late)');
    values[':late'] = query.late === 'true';
  }
  if (query.q) {
    conditions.push('(contains(decisionNumber, :q) OR contains(subjectName, :q))');
    values[':q'] = query.q;
  }
  // A token of another department's listing names another partition: DynamoDB refuses it, a 400 (http-handler.ts).
  const page = await providerRecordsPage({
    orgId: args.caller.orgId,
    ...(query.from ? { fromInstant: endOfLocalDay(addDays(query.from, -1), county.timeZone).toISOString() } : {}),
    ...(query.to ? { toInstant: endOfLocalDay(query.to, county.timeZone).toISOString() } : {}),
    ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    keep: (record) => query.status === undefined || statusOf(record, today) === query.status,
    limit: query.limit,
    startKey: decodePageToken(query.nextToken),
  });
  return {
    records: page.records.map((record) => presentMaskedRecord(record, today)),
    ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}),
  };
}
