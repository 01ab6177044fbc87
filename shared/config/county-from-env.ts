import { parseCountyConfig, type CountyConfig } from './county-config.ts';

let cached: CountyConfig | undefined;

/**
 * The county this function serves. On AWS the config is injected at build time (esbuild `define` of
 * process.env.COUNTY_CONFIG); locally the runtime sets the same variable. Validated once per cold start.
 */
export function countyFromEnv(): CountyConfig {
  if (cached) return cached;
  // Spelled out (not process.env[name]) so that esbuild's `define` can replace it at build time.
  const raw = process.env.COUNTY_CONFIG;
  if (!raw) throw new Error('COUNTY_CONFIG is not set');
  cached = parseCountyConfig(JSON.parse(raw), 'COUNTY_CONFIG');
  return cached;
}
