import { listDepartments, registeredBy } from '../../departments/port.ts';
import { filingMissingNotices, filingPeriodsToWatch, filingReminderNotice, filingsOfPeriod } from '../../filings/port.ts';
import type { Notice } from '../../notices/port.ts';
import type { OverdueFindings, OverdueScanContext, OverdueSource } from './overdue-source.ts';

/**
 * Narrative filings (工作总结, 制度、政策和措施: Lianjiang 六(四), Wuchang 三(三)): within a kind's reminder days
 * before a due day, a reminder to each department that has not filed; after it (a bounded lookback, so a missed
 * run is caught up), a public 通报 to the department and a notice to the credit office. Reads nothing on a day
 * nothing is due; otherwise the register once and, per period, who filed it (one query of its index partition).
 * A department registered after a due day owes nothing for it.
 */
export const filingOverdueSource: OverdueSource = {
  name: 'filing-due',
  async find({ county, calendar, today }: OverdueScanContext): Promise<OverdueFindings> {
    const { reminders, overdue } = filingPeriodsToWatch(county, calendar, today);
    if (reminders.length === 0 && overdue.length === 0) return { notices: [], itemsRead: 0, itemsDue: 0 };
    const { departments, itemsRead: registerRead } = await listDepartments();
    let itemsRead = registerRead;
    let itemsDue = 0;
    const notices: Notice[] = [];
    for (const [periods, noticesOf] of [
      [reminders, (d: (typeof departments)[number], p: (typeof reminders)[number]) => [filingReminderNotice(d, p, county, today)]],
      [overdue, (d: (typeof departments)[number], p: (typeof reminders)[number]) => filingMissingNotices(d, p, county, today)],
    ] as const) {
      for (const period of periods) {
        const { filings, itemsRead: read } = await filingsOfPeriod(period.kind, period.id);
        itemsRead += read;
        for (const department of departments)
          if (!filings.has(department.orgId) && registeredBy(department, period.dueDay, county.timeZone)) {
            itemsDue += 1;
            notices.push(...noticesOf(department, period));
          }
      }
    }
    return { notices, itemsRead, itemsDue };
  },
};
