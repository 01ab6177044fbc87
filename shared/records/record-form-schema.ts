import * as z from 'zod';
import type { JsonSchema } from './record-form.ts';
import { recordInput } from './record-input.ts';

let cached: JsonSchema | undefined;

/**
 * The JSON Schema of a record as a department sends it (`recordInput`, the input side), written by zod: the
 * console's record form is built from it (web/build.ts hands it to the bundle) and the preview names fields
 * by it. Schemas used more than once (the subject, the authority, the codes) are written once under `$defs`.
 */
export function recordInputJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(recordInput, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' }) as JsonSchema;
  return cached;
}
