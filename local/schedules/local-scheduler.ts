import { Cron } from 'croner';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { scheduledEventInput, toFiveFieldCron } from '../../shared/lambda/schedule-expression.ts';

/** One due run of a schedule: the function and its scheduled time. */
export interface DueRun {
  name: string;
  at: Date;
}

/**
 * Every occurrence of the declared schedules after `fromMs` and at or before `toMs`, in the county's time
 * zone, in time order (then by name): what EventBridge Scheduler would have run in that time.
 */
export function dueRuns(declarations: readonly FunctionDeclaration[], timeZone: string, fromMs: number, toMs: number): DueRun[] {
  const runs: DueRun[] = [];
  for (const d of declarations) {
    if (d.trigger.type !== 'schedule') continue;
    const cron = new Cron(toFiveFieldCron(d.trigger.cron), { timezone: timeZone, paused: true });
    if (d.trigger.catchUp === 'latest') {
      // Only the last occurrence in the window: found from its end (croner's previous run), never by walking a minutely schedule through days.
      const last = cron.previousRuns(1, new Date(toMs + 1))[0];
      if (last && last.getTime() > fromMs && last.getTime() <= toMs) runs.push({ name: d.name, at: last });
      continue;
    }
    for (let at = cron.nextRun(new Date(fromMs)); at && at.getTime() <= toMs; at = cron.nextRun(at)) runs.push({ name: d.name, at });
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.name.localeCompare(b.name));
}

/**
 * Runs the declared schedules with the same cron expressions, in the county's time zone, on the
 * platform clock (not the system's): a tick each second runs what fell due since the last, and when the
 * clock jumps (`catchUp`) every occurrence in the skipped time runs once, in order, each with its own
 * scheduled time as the event's `time`, the clock stepped to it first (so the workflow's timers due
 * before it fire before it). Runs never overlap.
 */
export function startLocalScheduler(options: {
  declarations: readonly FunctionDeclaration[];
  timeZone: string;
  invoke: (name: string, event: unknown) => Promise<unknown>;
  log: (entry: Record<string, unknown>) => void;
  /** The platform clock, ms. */
  now: () => number;
  /** Run what fell due after this instant (ms) at the first tick: the time a `--clock` start skipped. Default: now. */
  since?: number;
  tickMs?: number;
}): { jobs: { name: string; next: Date | null }[]; catchUp(toMs: number, stepTo?: (at: Date) => Promise<void>): Promise<DueRun[]>; stop(): Promise<void> } {
  let lastMs = Math.min(options.since ?? options.now(), options.now());
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runUpTo = (toMs: () => number, stepTo?: (at: Date) => Promise<void>): Promise<DueRun[]> => {
    const done = chain.then(async () => {
      if (stopped) return [];
      const until = toMs();
      const runs = dueRuns(options.declarations, options.timeZone, lastMs, until);
      for (const run of runs) {
        if (stopped) break;
        if (stepTo) await stepTo(run.at);
        try {
          const result = await options.invoke(run.name, scheduledEventInput(run.name, run.at.toISOString()));
          options.log({ level: 'INFO', message: 'schedule ran', function: run.name, scheduledTime: run.at.toISOString(), result });
        } catch (error) {
          options.log({ level: 'ERROR', message: 'schedule failed', function: run.name, scheduledTime: run.at.toISOString(), error: (error as Error).message });
        }
        lastMs = run.at.getTime();
      }
      lastMs = Math.max(lastMs, until);
      return runs;
    });
    chain = done.catch(() => undefined);
    return done;
  };
  const ticker = setInterval(() => void runUpTo(options.now), options.tickMs ?? 1000);
  ticker.unref();
  return {
    jobs: options.declarations.flatMap((d) =>
      d.trigger.type === 'schedule' ? [{ name: d.name, next: new Cron(toFiveFieldCron(d.trigger.cron), { timezone: options.timeZone, paused: true }).nextRun(new Date(options.now())) }] : [],
    ),
    catchUp: (toMs, stepTo) => runUpTo(() => toMs, stepTo),
    stop: async () => {
      stopped = true;
      clearInterval(ticker);
      await chain;
    },
  };
}

/** The scheduled time for running a function "as on" a county-local date: the schedule's own hour and minute that day. */
export function scheduledTimeOn(date: string, cron: string, utcOffset = '+08:00'): string {
  const [minutes, hours] = toFiveFieldCron(cron).split(' ');
  const pad = (v: string | undefined) => (v && /^\d+$/.test(v) ? v.padStart(2, '0') : '00');
  return new Date(`${date}T${pad(hours)}:${pad(minutes)}:00${utcOffset}`).toISOString();
}
