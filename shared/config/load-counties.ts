import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CountyConfigError, parseCountyConfig, type CountyConfig } from './county-config.ts';

/** The folder holding one JSON file per county. Adding a county is adding a file there. */
export const countiesDir = fileURLToPath(new URL('../../infra/counties/', import.meta.url));

/** Reads and validates one county file (at synth time and at local start-up). */
export function loadCountyFile(file: string): CountyConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CountyConfigError(file, '', `is not readable JSON (${(error as Error).message})`);
  }
  const county = parseCountyConfig(raw, file);
  const expectedId = basename(file, '.json');
  if (county.id !== expectedId) throw new CountyConfigError(file, 'id', `must equal the file name "${expectedId}"`);
  return county;
}

/** Every county of the folder, sorted by id. */
export function loadCounties(dir: string = countiesDir): CountyConfig[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadCountyFile(join(dir, f)));
}

export function loadCounty(id: string, dir: string = countiesDir): CountyConfig {
  const county = loadCounties(dir).find((c) => c.id === id);
  if (!county) {
    const known = loadCounties(dir).map((c) => c.id).join(', ');
    throw new CountyConfigError(join(dir, `${id}.json`), 'id', `no such county (known: ${known})`);
  }
  return county;
}
