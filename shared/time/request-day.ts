import type { IsoDate } from '../calendar/dates.ts';

/**
 * The county-local day of the request being validated. Some input rules need today (a decision or a
 * birth date cannot lie in the future), but a zod schema is a constant with no argument for it: the
 * HTTP middleware (and a use case validating items itself) runs the parse inside `validatingOn(today, …)`,
 * with today taken from the request's `now`, and the schema reads it here. Outside such a run the
 * rules that need today are skipped (the use cases keep their own checks): this never reads a clock.
 *
 * A parse is synchronous, so the day is kept for the duration of the call, restored after it (nested
 * runs too): no AsyncLocalStorage, so the schemas run in the browser as they do in a function.
 */
let current: IsoDate | undefined;

export function validatingOn<T>(today: IsoDate, parse: () => T): T {
  const outer = current;
  current = today;
  try {
    const result = parse();
    if (result instanceof Promise) throw new Error('validatingOn takes a synchronous parse: the day is not kept across an await');
    return result;
  } finally {
    current = outer;
  }
}

/** Today as the request being validated sees it; undefined outside `validatingOn`. */
export const validationDay = (): IsoDate | undefined => current;
