import { localDate } from '../../shared/calendar/dates.ts';
import { yearsMissingFromCalendar, calendarHorizonDays } from '../../shared/calendar/calendar-coverage.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { publishNotice } from '../../shared/notices/publish-notice.ts';

export const handler = backgroundHandler(scheduledEvent, async ({ event, county }) => {
  const now = new Date(event.time);
  const today = localDate(now, county.timeZone);
  const missing = yearsMissingFromCalendar(today, workingDayCalendar(county.calendar));
  const notices = [];
  for (const year of missing) {
    const { published } = await publishNotice(
      {
        kind: 'calendar-year-missing',
        about: String(year),
        addressee: 'creditOffice',
        date: today,
        title: `${county.name}工作日历缺少${year}年节假日安排`,
        text:
          `${year}年的法定节假日和调休安排尚未录入，${calendarHorizonDays}天内到期的期限将只按周末计算。` +
          `请在县级配置文件 infra/counties/${county.id}.json 的 calendar.holidays、calendar.workdays 中录入，并在 calendar.completeYears 中加入 ${year}。`,
      },
      now,
    );
    notices.push({ year, published });
  }
  return { date: today, missingYears: missing, notices };
});
