import type { CountyConfig } from '../config/county-config.ts';
import { formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates.ts';
import { onOrNextWorkingDay, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/**
 * The next day a usage list falls due, on or after `date`. A monthly list for a month is due on the
 * county's due day of the following month; a quarterly list in the month after the quarter. A due day
 * that is a holiday moves to the next working day (Civil Code Art. 203).
 */
export function nextUsageListDue(date: IsoDate, cadence: CountyConfig['usageList'], calendar: WorkingDayCalendar): IsoDate {
  const { year, month } = parseIsoDate(date);
  for (let step = 0; step < 15; step += 1) {
    const index = year * 12 + (month - 1) + step;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const isDueMonth = cadence.period === 'monthly' || [1, 4, 7, 10].includes(m);
    if (!isDueMonth) continue;
    const due = onOrNextWorkingDay(formatIsoDate(y, m, cadence.dueDay), calendar);
    if (due >= date) return due;
  }
  throw new Error('unreachable: a due month occurs within 15 months');
}
