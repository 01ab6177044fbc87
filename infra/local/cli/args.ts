import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultCounty = 'jiaxian';
export const defaultDataRoot = fileURLToPath(new URL('../../../.data/', import.meta.url));

/** The data folder of one county's local platform. */
export const countyDataDir = (dataRoot: string, county: string) => join(dataRoot, county);

export function parseCli<T extends Parameters<typeof parseArgs>[0]['options']>(options: T, usage: string) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}
