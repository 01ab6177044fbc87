import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultCounty = 'jiaxian';
export const defaultDataRoot = fileURLToPath(new URL('../../.data/', import.meta.url));

/** The data folder of one county's local platform. */
export const countyDataDir = (dataRoot: string, county: string) => join(dataRoot, county);

/** Parses the command line; a bad flag prints the usage and exits 2. */
export function parseCli<const T extends ParseArgsOptionsConfig>(options: T, usage: string) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}
