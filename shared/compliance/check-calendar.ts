import { calendarHorizonDays, yearsMissingFromCalendar } from '../calendar/calendar-coverage.ts';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { publishNotice } from '../notices/port.ts';

/**
 * The monthly look ahead at the county's working-day calendar: each year the next deadlines reach that the
 * county file does not know yet is told to the credit office, once per year, naming where to enter it.
 */
export async function checkCalendar(county: CountyConfig, now: Date) {
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
}
