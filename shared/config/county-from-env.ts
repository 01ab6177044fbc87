import type { CountyConfig } from './county-config.ts';

let cached: CountyConfig | undefined;

/**
 * The county this function serves. On AWS the config is injected at build time (esbuild `define` of
 * process.env.COUNTY_CONFIG); locally the runtime sets the same variable.
 *
 * Both put there the JSON of a config already parsed and validated where it was read (`loadCounty`: at
 * synth, by the stack that compiles it in, and by the local runtime), and the JSON of a parsed config is a
 * parsed config (test/unit/county-from-env.test.ts, every county). So it is not parsed again here: the
 * schema stays out of bundles that need no other part of it, and a cold start saves its construction and
 * the parse (about 30 ms of module init in `npm run bench`, a fifth of a small function's own part).
 */
export function countyFromEnv(): CountyConfig {
  if (cached) return cached;
  // Spelled out (not process.env[name]) so that esbuild's `define` can replace it at build time.
  const raw = process.env.COUNTY_CONFIG;
  if (!raw) throw new Error('COUNTY_CONFIG is not set');
  const county = JSON.parse(raw) as CountyConfig;
  if (typeof county?.id !== 'string' || !Array.isArray(county.measures)) throw new Error('COUNTY_CONFIG does not hold a county config (id, measures)');
  cached = county;
  return cached;
}
