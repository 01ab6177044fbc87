import * as z from 'zod';
import { nonPublicationReasons } from '../config/non-publication.ts';
import { isoDate } from '../config/county-config.ts';
import { warningsBody } from '../http/common-schemas.ts';
import { recordInput } from './record-input.ts';
import { subjectIdSchema } from '../subjects/subject-id.ts';

/** Records one push may carry. */
export const maxBatchSize = 500;

export const recordIdParams = z.object({
  id: z.string().regex(/^rec_[A-Za-z0-9_-]{22}$/, 'must be a record id (rec_ and 22 characters)'),
});

export const subjectParams = z.object({ subjectId: subjectIdSchema.describe('Unified social credit code or resident ID number') });

export const recordQuery = z.object({
  history: z.enum(['true', 'false']).optional().describe('Include every version, oldest first'),
});

/**
 * POST /records takes one record, or `{ records: [...] }` with up to 500. Each record is validated
 * against `recordInput` on its own (a batch answers per record), so the body schema only shapes the two forms.
 */
export const pushRecordsBody = z.union([
  z.object({ records: z.array(z.unknown()).min(1, 'must hold at least one record').max(maxBatchSize, `must hold at most ${maxBatchSize} records`) }).strict(),
  z.looseObject({ kind: z.string() }),
]);
/** What the OpenAPI document shows for POST /records: the record schema that validates each record. */
export const pushRecordsDocumented = z.union([recordInput, z.object({ records: z.array(recordInput).min(1).max(maxBatchSize) })]);

export const correctRecordBody = z
  .object({
    record: recordInput,
    reason: z.string().trim().min(1, 'must say why the record is corrected').max(1000),
    /** The version being corrected: a correction based on an older version is refused (409). */
    expectedVersion: z.number().int().positive(),
  })
  .strict();

const presentedRecord = z
  .looseObject({
    recordId: z.string(),
    version: z.number(),
    kind: z.string(),
    kindLabel: z.string(),
    status: z.enum(['active', 'underObjection', 'corrected', 'revoked', 'repaired', 'expired']),
    subject: z.object({ id: z.string(), type: z.enum(['uscc', 'residentId']), name: z.string() }),
    decisionNumber: z.string(),
    decisionDate: isoDate,
    publication: z.unknown(),
    publicity: z.unknown(),
    withheld: z
      .object({
        reason: z.enum(nonPublicationReasons),
        label: z.string(),
        source: z.string(),
        note: z.string().optional(),
        decidedBy: z.enum(['department', 'rule']),
      })
      .optional()
      .describe('不予公示 and why: the record serves checks and never reaches the public (absent: published as usual)'),
    details: z.unknown(),
  })
  .meta({ id: 'CreditRecord' });

/** A record as POST /records (one record) and PUT /records/{id} answer it: with the warnings about its codes. */
export const recordBody = presentedRecord.extend({ warnings: warningsBody }).meta({ id: 'CreditRecordAnswer' });

/**
 * A record as a reader of GET /records/{id} and GET /subjects/{subjectId}/records sees it: as kept (its
 * subject, its provider, the credit office), or the public projection (anyone else: what the public site shows).
 */
export const publicRecordBody = z
  .object({
    recordId: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    status: z.enum(['active', 'underObjection', 'corrected']).describe('underObjection: contested, the provider is verifying it'),
    subject: z.object({
      id: z.string().describe('The unified social credit code, or a resident ID number masked'),
      type: z.enum(['uscc', 'residentId']),
      category: z.string(),
      name: z.string().describe("A natural person's name masked (张**)"),
      legalRepresentative: z.string().optional(),
    }),
    decisionNumber: z.string(),
    decisionDate: isoDate,
    authority: z.object({ name: z.string(), uscc: z.string() }),
    sourceDepartment: z.string(),
    publicity: z.object({
      publicFrom: isoDate,
      publicUntil: isoDate.nullable().describe('The last day of publicity; null: until revoked, repaired or delisted'),
      ruleSource: z.string().nullable(),
    }),
    content: z.record(z.string(), z.unknown()).describe("The kind's public fields (许可内容, 处罚内容, 列入依据 …)"),
  })
  .meta({ id: 'PublicRecord' });


const seenRecord = z.union([presentedRecord, publicRecordBody]);

export const recordWithHistoryBody = z.looseObject({
  record: seenRecord,
  versions: z.array(presentedRecord).optional().describe("Every version, oldest first: for the record's subject, its provider and the credit office"),
});
export const subjectRecordsBody = z.object({
  subject: z.object({ id: z.string(), type: z.string(), name: z.string().nullable().describe("A person's name masked (张**) for a caller with no relation to its records") }),
  records: z.array(seenRecord),
});
export const pushRecordsResult = z
  .object({
    results: z.array(
      z.object({
        index: z.number(),
        status: z.enum(['created', 'existing', 'conflict', 'invalid']),
        recordId: z.string().optional(),
        version: z.number().optional(),
        error: z.object({ code: z.string(), message: z.string(), field: z.string() }).optional(),
        warnings: warningsBody,
      }),
    ),
    counts: z.object({ created: z.number(), existing: z.number(), conflict: z.number(), invalid: z.number() }),
  })
  .meta({ id: 'PushRecordsResult' });
