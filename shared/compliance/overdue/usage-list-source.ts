import { listDepartments, registeredBy } from '../../departments/port.ts';
import type { Notice } from '../../notices/port.ts';
import { periodsDueBefore, submissionsOfPeriod, usageListMissingNotice, usageListNoticeKinds } from '../../usage-lists/port.ts';
import type { OverdueFindings, OverdueScanContext, OverdueSource } from './overdue-source.ts';

/**
 * Departments that have not submitted a usage list after its due day (Zanhuang: monthly by the 25th;
 * Lianjiang: monthly by the 15th and its summaries; Wuchang: quarterly): one public notice per department
 * and period. Looks at the last few periods due before today (bounded), and reads the departments
 * register once and, per period, who submitted it (one query of the period's index partition). A
 * department registered after a period ended owes no list for it.
 */
export const usageListOverdueSource: OverdueSource = {
  name: usageListNoticeKinds.missing,
  async find({ county, calendar, today }: OverdueScanContext): Promise<OverdueFindings> {
    const periods = periodsDueBefore(today, county.usageList, calendar);
    const { departments, itemsRead: registerRead } = await listDepartments();
    let itemsRead = registerRead;
    const notices: Notice[] = [];
    for (const period of periods) {
      const submitted = await submissionsOfPeriod(period.id);
      itemsRead += submitted.size;
      for (const department of departments)
        if (!submitted.has(department.orgId) && registeredBy(department, period.lastDay, county.timeZone)) notices.push(usageListMissingNotice(department, period, county, today));
    }
    return { notices, itemsRead, itemsDue: notices.length };
  },
};
