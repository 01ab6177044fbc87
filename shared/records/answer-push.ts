import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { withWarnings } from '../subjects/code-warnings.ts';
import { presentRecord } from './present-record.ts';
import { pushRecords, singleResult } from './push-records.ts';

/**
 * A push of one record (the body is the record) or of a batch (`{ records: [...] }`): one record answers
 * the stored record, created or found (an invalid or conflicting one fails the request); a batch answers
 * each record's result by index, with counts, and never fails for one record.
 */
export async function answerPush(args: { body: unknown; caller: Caller; county: CountyConfig; now: Date }) {
  const { body, caller, county, now } = args;
  const batch = typeof body === 'object' && body !== null && 'records' in body && Array.isArray(body.records);
  const records = batch ? ((body as { records: unknown[] }).records) : [body];
  const results = await pushRecords({ records, caller, county, now, fieldPrefix: (i) => (batch ? `body.records.${i}.` : 'body.') });
  if (!batch) {
    const { created, record, warnings } = singleResult(results[0]!);
    return { created, body: { ...(await presentRecord(record, record.receivedOn, false)), ...withWarnings(warnings) } };
  }
  const counts = { created: 0, existing: 0, conflict: 0, invalid: 0 };
  for (const r of results) counts[r.status] += 1;
  // The batch answer names each record's result; the stored records themselves are fetched by id.
  const withoutRecords = results.map((r) =>
    r.status === 'invalid' ? { index: r.index, status: r.status, error: r.error } : 'record' in r ? (({ record: _stored, ...rest }) => rest)(r) : r,
  );
  return { created: false, body: { results: withoutRecords, counts } };
}
