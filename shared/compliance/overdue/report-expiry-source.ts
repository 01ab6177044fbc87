import { addDays } from '../../calendar/dates.ts';
import { reportStatus, type StoredReport } from '../../reports/port.ts';
import { withoutKeys } from '../../storage/keys.ts';
import { readDue } from './index-reads.ts';
import { reportExpiredNotices, reportExpiringNotice } from './overdue-notices.ts';
import type { OverdueSource } from './overdue-source.ts';

/** Days back a report that expired is still reported (a scan that did not run for a few days is caught up). */
export const reportExpiredDays = 7;

/**
 * Credit reports whose last valid day is within the county's warning days (the agency is told) or has
 * passed in the last days (a public notice without the subject or the report number; the agency and the
 * subject told which report), from the due-date index: one key range over at most three
 * month partitions. Voided reports are skipped: their voiding was the notice.
 */
export const reportExpirySource: OverdueSource = {
  name: 'report-expiry',
  async find({ county, today }) {
    const read = await readDue('report-expiry', addDays(today, -reportExpiredDays), addDays(today, county.deadlines.reportExpiryWarningDays));
    const reports = read.items.map((item) => withoutKeys<StoredReport>(item)).filter((r) => reportStatus(r, today) !== 'voided');
    const notices = reports.flatMap((report) =>
      reportStatus(report, today) === 'expired' ? reportExpiredNotices({ report, county, today }) : [reportExpiringNotice({ report, county, today })],
    );
    return { notices, itemsRead: read.itemsRead, itemsDue: reports.length };
  },
};
