import { randomBytes } from 'node:crypto';
import { protectInput } from '../../shared/records/protected-input.ts';
import type { RecordInput } from '../../shared/records/record-input.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';

/** Unit tests build stored records as push-records does; a local key (no emulator) seals resident IDs. */
export function protectForTest(input: RecordInput) {
  process.env[resourceEnv.personalDataLocalKey] ??= randomBytes(32).toString('base64');
  return protectInput(input);
}
