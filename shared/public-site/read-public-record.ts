import { accessPolicy, latestVersion, presentPublicRecord, type PublicRecord } from '../records/port.ts';
import { localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { notFound } from '../errors/domain-errors.ts';

/**
 * GET /public/records/{id}: a record in its publicity period, its public fields only. Out of publicity
 * (ended, not begun), revoked or repaired, or unknown: 404 all the same.
 */
export async function readPublicRecord(args: { recordId: string; county: CountyConfig; now: Date }): Promise<PublicRecord> {
  const today = localDate(args.now, args.county.timeZone);
  const record = await latestVersion(args.recordId);
  if (!record || !accessPolicy.seeRecord(undefined, record, today)) throw notFound(`record ${args.recordId}`);
  return presentPublicRecord(record, today);
}
