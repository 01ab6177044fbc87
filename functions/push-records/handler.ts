import { triggerOf } from '../../shared/records/functions.ts';
import { presentRecord } from '../../shared/records/present-record.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { withWarnings } from '../../shared/subjects/code-warnings.ts';
import { pushRecords, singleResult } from '../../shared/records/push-records.ts';

export const handler = httpHandler(triggerOf('push-records'), async ({ body, caller, county, now }) => {
  const batch = 'records' in body && Array.isArray(body.records);
  const records = batch ? (body.records as unknown[]) : [body];
  const results = await pushRecords({ records, caller, county, now, fieldPrefix: (i) => (batch ? `body.records.${i}.` : 'body.') });
  if (!batch) {
    const { status, record, warnings } = singleResult(results[0]!);
    return { status, body: { ...(await presentRecord(record, record.receivedOn, false)), ...withWarnings(warnings) } };
  }
  const counts = { created: 0, existing: 0, conflict: 0, invalid: 0 };
  for (const r of results) counts[r.status] += 1;
  // The batch answer names each record's result; the stored records themselves are fetched by id.
  const withoutRecords = results.map((r) =>
    r.status === 'invalid' ? { index: r.index, status: r.status, error: r.error } : 'record' in r ? (({ record: _stored, ...rest }) => rest)(r) : r,
  );
  return { body: { results: withoutRecords, counts } };
});
