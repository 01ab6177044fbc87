/**
 * The platform's clock. On AWS it is the system clock. The local runtime may move it forward to let
 * tests and newcomers travel in time (an answer deadline passing, a month ending) without sleeping:
 * it sets `CLOCK_OFFSET_MS` in its own process, which hosts the handlers. Nothing on AWS sets it.
 *
 * Handlers get `now` from their input (HTTP: the event's `requestContext.timeEpoch`; other functions:
 * `BackgroundInput.now`), both taken from here; domain code takes `now` as an argument. Locally the offset
 * only grows (`platform.clock.advance/set`, `POST /_local/clock`, `npm start -- --clock`), is kept in
 * `.data/<county>/clock.json` across restarts, and the local Step Functions deadlines follow it.
 */
export const clockOffsetEnv = 'CLOCK_OFFSET_MS';

/** How far (ms) the platform clock is ahead of the system clock: 0 unless the local runtime moved it. */
export function clockOffsetMs(): number {
  const raw = process.env[clockOffsetEnv];
  const offset = raw ? Number(raw) : 0;
  return Number.isFinite(offset) ? offset : 0;
}

/** Now, as the platform sees it. */
export const now = (): Date => new Date(Date.now() + clockOffsetMs());
