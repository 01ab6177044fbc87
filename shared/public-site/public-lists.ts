import type { z } from 'zod';
import type { publicListBody, publicListQuery } from './api.ts';
import { accessPolicy, presentPublicRecord } from '../records/port.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { decodePageToken, encodePageToken } from '../http/page-token.ts';
import { listEntries } from './public-site-store.ts';

const listKinds = { red: 'redList', black: 'blackList' } as const;

/**
 * GET /public/lists?list=red|black: the county's red list or black list as published today: records of
 * that kind in force and in their publicity period, by the last day listed (soonest first). One key range
 * of the list index from today on: entries that ended earlier are never read. A page may hold fewer than
 * `limit` (a revoked or repaired entry is read and left out); `nextToken` says there is more.
 */
export async function listPublicList(args: { query: z.output<typeof publicListQuery>; county: CountyConfig; now: Date }): Promise<z.output<typeof publicListBody>> {
  const today = localDate(args.now, args.county.timeZone);
  const kind = listKinds[args.query.list];
  const { records, lastKey } = await listEntries(kind, today, args.query.limit, decodePageToken(args.query.nextToken));
  const visible = records.filter((r) => accessPolicy.seeRecord(undefined, r, today));
  return {
    list: args.query.list,
    kind,
    asOf: today,
    records: await Promise.all(visible.map((r) => presentPublicRecord(r, today))),
    ...(lastKey ? { nextToken: encodePageToken(lastKey) } : {}),
  };
}
