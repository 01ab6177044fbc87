import { addDays } from '../../calendar/dates.ts';
import { firstReceipt, type StoredRecord } from '../../records/port.ts';
import { withoutKeys } from '../../storage/keys.ts';
import { groupBy } from './group-by.ts';
import { readLatePublications } from './index-reads.ts';
import { latePublicationNotice } from './overdue-notices.ts';
import type { OverdueSource } from './overdue-source.ts';

/**
 * Receipt days read back from today: a day is read once it is over (today's records may still come in),
 * and a week back, so a scan that did not run for a few days is caught up.
 */
export const latePublicationDays = 7;

/**
 * Licence and penalty records received after their dual-publicity deadline, per department and receipt
 * day, from the sparse late-publication index (`LATE#<first receipt day>`: a correction does not move it).
 */
export const latePublicationSource: OverdueSource = {
  name: 'late-publication',
  async find({ county, today }) {
    const days = Array.from({ length: latePublicationDays }, (_, i) => addDays(today, -(i + 1)));
    const reads = await readLatePublications(days);
    const notices = [];
    let itemsDue = 0;
    for (const [i, read] of reads.entries()) {
      const receivedOn = days[i]!;
      const late = read.items.map((item) => withoutKeys<StoredRecord>(item)).filter((r) => r.publication?.late && firstReceipt(r).on === receivedOn);
      itemsDue += late.length;
      for (const [providerOrgId, records] of groupBy(late, (r) => r.providerOrgId))
        notices.push(latePublicationNotice({ providerOrgId, receivedOn, records, county, today }));
    }
    return { notices, itemsRead: reads.reduce((n, r) => n + r.itemsRead, 0), itemsDue };
  },
};
