import { commitmentModeLabels, type CountyConfig } from '../config/county-config.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { addCalendarMonths, addWorkingDays, workingDayCalendar } from '../calendar/working-day-calendar.ts';
import { nextUsageListDue } from '../usage-lists/port.ts';

/** What the public may know about the county platform, with the deadline arithmetic for `date`. */
export function countyProfile(county: CountyConfig, date: IsoDate) {
  const calendar = workingDayCalendar(county.calendar);
  return {
    id: county.id,
    divisionCode: county.divisionCode,
    name: county.name,
    siteName: county.siteName,
    creditOfficeName: county.creditOfficeName,
    timeZone: county.timeZone,
    date,
    isWorkingDay: calendar.isWorkingDay(date),
    publicationDeadlineForDecisionToday: addWorkingDays(date, county.deadlines.publicationWorkingDays, calendar),
    objectionAnswerDeadlineForNoticeToday: addWorkingDays(date, county.deadlines.objectionAnswerWorkingDays, calendar),
    reportValidUntilForIssueToday: addCalendarMonths(date, county.deadlines.reportValidityMonths, calendar),
    usageList: {
      period: county.usageList.period,
      dueDay: county.usageList.dueDay,
      nextDue: nextUsageListDue(date, county.usageList, calendar),
    },
    matterTypes: county.matterTypes.map(({ id, name }) => ({ id, name })),
    commitments: county.commitments.offered.map(({ mode, matterTypes }) => ({ mode, modeLabel: commitmentModeLabels[mode], matterTypes })),
  };
}
