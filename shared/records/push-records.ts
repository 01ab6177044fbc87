import { maxBatchSize } from './api.ts';
import * as z from 'zod';
import type { CountyConfig } from '../config/county-config.ts';
import { localDate } from '../calendar/dates.ts';
import { workingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { Caller } from '../identity/caller.ts';
import { conflict, validationFailed } from '../errors/domain-errors.ts';
import type { FieldWarning } from '../subjects/code-warnings.ts';
import { recordCodeWarnings } from './record-code-warnings.ts';
import { recordProblems } from './record-problems.ts';
import { protectInput } from './protected-input.ts';
import type { RecordInput } from './record-input.ts';
import { createRecords, type CreateResult } from './record-store.ts';
import { buildRecordVersion, type StoredRecord } from './stored-record.ts';

/** Records of a batch validated and sealed at once (KMS calls for persons' ID numbers). */
const parallelWrites = 8;

export type PushResult =
  | { index: number; status: 'created' | 'existing'; recordId: string; version: number; record: StoredRecord; warnings?: FieldWarning[] }
  | { index: number; status: 'conflict'; recordId: string; error: { code: 'CONFLICT'; message: string; field: string } }
  | { index: number; status: 'invalid'; error: { code: 'VALIDATION_FAILED'; message: string; field: string }; rule: string };

/** Validates one pushed record: the schema, then the rules that need today's date; the first problem refuses it. */
function validate(raw: unknown, today: string) {
  const checked = recordProblems(raw, today);
  if (!checked.ok) return { ok: false as const, ...checked.problems[0]! };
  return { ok: true as const, input: checked.input };
}

/**
 * Pushes records of one department. Each record is validated and stored all or nothing: an invalid record
 * is reported and not stored, without stopping the others. Idempotent on (department, kind, decision
 * number). The valid ones are stored together (`createRecords`: their keys read at once, 20 records a
 * transaction), each still conditional on its key.
 */
export async function pushRecords(args: { records: unknown[]; caller: Caller; county: CountyConfig; now: Date; fieldPrefix: (index: number) => string }): Promise<PushResult[]> {
  const today = localDate(args.now, args.county.timeZone);
  const calendar = workingDayCalendar(args.county.calendar);
  const results: PushResult[] = new Array(args.records.length);
  const built: { index: number; record: StoredRecord; input: RecordInput }[] = [];
  // Validated and protected (ID numbers sealed: KMS for persons) a few at a time, then stored together.
  let next = 0;
  const prepare = async () => {
    for (let index = next++; index < args.records.length; index = next++) {
      const checked = validate(args.records[index], today);
      if (!checked.ok) {
        const field = `${args.fieldPrefix(index)}${checked.field}`;
        results[index] = { index, status: 'invalid', error: { code: 'VALIDATION_FAILED', message: `${field}: ${checked.rule}`, field }, rule: checked.rule };
        continue;
      }
      const record = buildRecordVersion({ input: await protectInput(checked.input), providerOrgId: args.caller.orgId, receivedAt: args.now, receivedOn: today, county: args.county, calendar, version: 1, ...(args.caller.system ? { system: args.caller.system } : {}) });
      built.push({ index, record, input: checked.input });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelWrites, args.records.length) }, prepare));
  // In the batch's order: of two records with one decision number, the first is stored and the second is its retry or conflict.
  built.sort((a, b) => a.index - b.index);
  const stored: CreateResult[] = await createRecords(built.map((b) => b.record));
  built.forEach(({ index, record, input }, i) => {
    const prefix = args.fieldPrefix(index);
    const outcome = stored[i]!;
    const warnings = recordCodeWarnings(input, prefix);
    results[index] =
      outcome.outcome === 'conflict'
        ? {
            index,
            status: 'conflict',
            recordId: outcome.record.recordId,
            error: { code: 'CONFLICT', field: `${prefix}decisionNumber`, message: `a different ${record.kind} record with decision number "${record.decisionNumber}" is already stored (${outcome.record.recordId}); correct it with PUT /records/${outcome.record.recordId}` },
          }
        : { index, status: outcome.outcome, recordId: outcome.record.recordId, version: outcome.record.version, record: outcome.record, ...(warnings.length > 0 ? { warnings } : {}) };
  });
  return results;
}

/** The single-record form answers like a plain REST create: 201, 200 for a retry, 409 or 400 otherwise. */
export function singleResult(result: PushResult): { created: boolean; record: StoredRecord; warnings: FieldWarning[] } {
  if (result.status === 'invalid') throw validationFailed(result.error.field, result.rule);
  if (result.status === 'conflict') throw conflict(result.error.message, result.error.field);
  return { created: result.status === 'created', record: result.record, warnings: result.warnings ?? [] };
}

export const recordBatchBody = z.object({ records: z.array(z.unknown()).min(1, 'must hold at least one record').max(maxBatchSize, `must hold at most ${maxBatchSize} records`) });
