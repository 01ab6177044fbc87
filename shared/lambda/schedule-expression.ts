/**
 * EventBridge Scheduler cron expressions: `cron(minutes hours day-of-month month day-of-week year)`.
 * Read by the stack (as is) and by the local runtime's scheduler (converted for croner).
 */
export interface CronFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

export function parseCron(expression: string): CronFields {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]!.trim().split(/\s+/);
  if (!fields || fields.length !== 6) throw new Error(`"${expression}" is not cron(min hour day-of-month month day-of-week year)`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?'))
    throw new Error(`"${expression}": exactly one of day-of-month and day-of-week must be "?"`);
  if (/\d/.test(dayOfWeek)) throw new Error(`"${expression}": write day-of-week with names (MON-FRI); numbers differ between AWS (1=SUN) and cron libraries`);
  if (/[WL#]/.test(dayOfMonth + dayOfWeek)) throw new Error(`"${expression}": W, L and # are not supported by the local scheduler`);
  if (year !== '*') throw new Error(`"${expression}": the year field must be "*"`);
  return { minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

/** The same schedule as a 5-field cron pattern (for croner), with `?` as `*`. */
export function toFiveFieldCron(expression: string): string {
  const f = parseCron(expression);
  const q = (v: string) => (v === '?' ? '*' : v);
  return [f.minutes, f.hours, q(f.dayOfMonth), f.month, q(f.dayOfWeek)].join(' ');
}

/**
 * The event a scheduled function receives. On AWS the schedule's target input is this object with
 * `time` = `<aws.scheduler.scheduled-time>`; locally the scheduler fills in the real time.
 */
export const scheduledEventInput = (functionName: string, time: string) => ({
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  time,
  detail: { function: functionName },
});
