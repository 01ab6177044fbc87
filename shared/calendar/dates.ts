/** Calendar dates as `YYYY-MM-DD` strings, in the county's time zone. Pure; no clock. */

export type IsoDate = string;

const pad = (n: number) => String(n).padStart(2, '0');

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date written YYYY-MM-DD: "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`not a real date: "${date}"`);
  return { year, month, day };
}

/** Years below 1000 are padded too (0999-01-01), so a result always reads back with parseIsoDate. */
export const formatIsoDate = (year: number, month: number, day: number): IsoDate => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * The same day `months` later; where that month is shorter, its last day (Civil Code Art. 202).
 * From 2027-01-31, one month is 2027-02-28.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The county-local calendar date of an instant (e.g. Asia/Shanghai), whatever the server's zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
  return parts; // en-CA formats as YYYY-MM-DD
}

/** The instant at which a county-local day ends (start of the next day), for a zone without DST such as Asia/Shanghai. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  const next = addDays(date, 1);
  const { year, month, day } = parseIsoDate(next);
  const utcMidnight = Date.UTC(year, month - 1, day);
  const offsetMinutes = zoneOffsetMinutes(new Date(utcMidnight), timeZone);
  return new Date(utcMidnight - offsetMinutes * 60_000);
}

function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - instant.getTime()) / 60_000);
}
