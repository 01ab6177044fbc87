import { addDays } from '../../calendar/dates.ts';
import { publicityEndsOn, statusOf, type StoredRecord } from '../../records/port.ts';
import { withoutKeys } from '../../storage/keys.ts';
import { groupBy } from './group-by.ts';
import { readDue } from './index-reads.ts';
import { publicityEndedNotices } from './overdue-notices.ts';
import type { OverdueSource } from './overdue-source.ts';

/** Days back (today included) whose ended publicity is still reported: a missed scan is caught up. */
export const publicityEndedDays = 7;

/**
 * Records that leave public view because their publicity period ended, today or in the last days, per
 * providing department and day, from the due-date index (a record's current copy is due the day after
 * its last public day). A record revoked or repaired left earlier, and one under objection stays until
 * the answer: only records whose status is `expired` today are named, to the providing department and
 * the credit office (not in public: the record is no longer public).
 */
export const publicityEndedSource: OverdueSource = {
  name: 'publicity-ended',
  async find({ today }) {
    const read = await readDue('publicity-end', addDays(today, -(publicityEndedDays - 1)), today);
    const ended = read.items.map((item) => withoutKeys<StoredRecord>(item)).filter((r) => statusOf(r, today) === 'expired');
    const notices = [...groupBy(ended, (r) => `${r.providerOrgId}#${publicityEndsOn(r.publicity)}`).values()].flatMap((records) =>
      publicityEndedNotices({ providerOrgId: records[0]!.providerOrgId, endsOn: publicityEndsOn(records[0]!.publicity)!, records, today }),
    );
    return { notices, itemsRead: read.itemsRead, itemsDue: ended.length };
  },
};
