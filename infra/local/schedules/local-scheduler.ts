import { Cron } from 'croner';
import type { FunctionDeclaration } from '../../../shared/functions/declaration.ts';
import { scheduledEventInput, toFiveFieldCron } from '../../../shared/functions/schedule-expression.ts';

/** Runs the declared schedules with the same cron expressions, in the county's time zone. */
export function startLocalScheduler(options: {
  declarations: readonly FunctionDeclaration[];
  timeZone: string;
  invoke: (name: string, event: unknown) => Promise<unknown>;
  log: (entry: Record<string, unknown>) => void;
}): { jobs: { name: string; next: Date | null }[]; stop(): void } {
  const jobs = options.declarations.flatMap((d) => {
    if (d.trigger.type !== 'schedule') return [];
    const job = new Cron(toFiveFieldCron(d.trigger.cron), { timezone: options.timeZone, protect: true }, async () => {
      const time = new Date().toISOString();
      try {
        const result = await options.invoke(d.name, scheduledEventInput(d.name, time));
        options.log({ level: 'INFO', message: 'schedule ran', function: d.name, result });
      } catch (error) {
        options.log({ level: 'ERROR', message: 'schedule failed', function: d.name, error: (error as Error).message });
      }
    });
    return [{ name: d.name, job }];
  });
  return {
    jobs: jobs.map(({ name, job }) => ({ name, next: job.nextRun() })),
    stop: () => jobs.forEach(({ job }) => job.stop()),
  };
}

/** The scheduled time for running a function "as on" a county-local date: the schedule's own hour and minute that day. */
export function scheduledTimeOn(date: string, cron: string, utcOffset = '+08:00'): string {
  const [minutes, hours] = toFiveFieldCron(cron).split(' ');
  const pad = (v: string | undefined) => (v && /^\d+$/.test(v) ? v.padStart(2, '0') : '00');
  return new Date(`${date}T${pad(hours)}:${pad(minutes)}:00${utcOffset}`).toISOString();
}
