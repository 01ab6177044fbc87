import { AsyncLocalStorage } from 'node:async_hooks';
import type { IsoDate } from '../calendar/dates.ts';

/**
 * The county-local day of the request being validated. Some input rules need today (a decision or a
 * birth date cannot lie in the future), but a zod schema is a constant with no argument for it: the
 * HTTP middleware (and a use case validating items itself) runs the parse inside `validatingOn(today, …)`,
 * with today taken from the request's `now`, and the schema reads it here. Outside such a run the
 * rules that need today are skipped (the use cases keep their own checks): this never reads a clock.
 */
const requestDay = new AsyncLocalStorage<IsoDate>();

export const validatingOn = <T>(today: IsoDate, parse: () => T): T => requestDay.run(today, parse);

/** Today as the request being validated sees it; undefined outside `validatingOn`. */
export const validationDay = (): IsoDate | undefined => requestDay.getStore();
