import * as z from 'zod';
import { nonPublicationReasons } from '../config/non-publication.ts';
import { isoDate } from '../config/county-config.ts';
import { warningsBody } from '../http/common-schemas.ts';
import { recordInput } from './record-input.ts';
import { recordKinds } from '../config/record-kinds.ts';
import { recordLifecycles } from './record-status.ts';
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

const withheldBody = z.object({
  reason: z.enum(nonPublicationReasons),
  label: z.string(),
  source: z.string(),
  note: z.string().optional(),
  decidedBy: z.enum(['department', 'rule']),
});

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
    withheld: withheldBody.optional().describe('不予公示 and why: the record serves checks and never reaches the public (absent: published as usual)'),
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

/**
 * POST /records/preview takes a record as POST /records takes one: any object with a `kind`, validated in full
 * by `recordInput` (record-problems.ts) so that every problem is answered, not refused at the door.
 */
export const previewRecordBody = z.looseObject({ kind: z.string() });

const publicationBody = z.object({
  deadline: z.string().describe('The last day to publish: the county\'s N-th working day after the decision (公示期限)'),
  late: z.boolean().describe('Received after the deadline (逾期), judged on the day of the request'),
  lateByWorkingDays: z.number().int(),
  provisional: z.boolean().describe('Counted through a year whose holidays are not known yet: the deadline may move later'),
});

export const recordPreviewBody = z
  .object({
    valid: z.boolean().describe('Whether POST /records would accept the record today'),
    problems: z
      .array(
        z.object({
          field: z.string().describe('The field as a path in the record (subject.uscc)'),
          label: z.string().describe("The field's Chinese name, from the schema's description (统一社会信用代码)"),
          rule: z.string().describe('The rule broken, in the words a push answers'),
          message: z.string().describe('The field and the rule in Chinese (统一社会信用代码：校验码错误，应为 X)'),
        }),
      )
      .describe('Every problem, not only the first'),
    recordId: z.string().optional().describe('The id the record has under this department, kind and decision number'),
    existing: z.object({ recordId: z.string(), version: z.number().int() }).optional().describe('A record with this decision number is already stored: a push of another body is 409, correct it instead'),
    publication: publicationBody.nullable().describe('Dual publicity (licences and penalties): the deadline and whether a push today is late; null for other kinds or without a valid decision date'),
    publicity: z
      .object({
        publicFrom: z.string(),
        publicUntil: z.string().nullable(),
        repairEligibleFrom: z.string().nullable(),
        repairRuleSource: z.string().optional().describe('A list entry that may be repaired: the rule allowing it and where its minimum comes from'),
        ruleId: z.string().nullable(),
        ruleSource: z.string().nullable(),
        severity: z.string().optional(),
        provisional: z.boolean(),
      })
      .nullable()
      .describe('The publicity period the record would have; null while the record is invalid'),
    withheld: withheldBody.optional().describe('The record would not be published (不予公示), and why'),
    warnings: warningsBody,
  })
  .meta({ id: 'RecordPreview' });

export const listRecordsQuery = z.object({
  kind: z.enum(recordKinds).optional(),
  status: z.enum([...recordLifecycles, 'expired']).optional().describe("The record's status today"),
  from: isoDate.optional().describe('First county-local day the record was received'),
  to: isoDate.optional().describe('Last county-local day the record was received'),
  q: z.string().trim().min(1).max(100).optional().describe('Part of the decision number or of the subject name'),
  late: z.enum(['true', 'false']).optional().describe('true: only records published after their deadline (逾期)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  nextToken: z.string().max(2000).optional(),
});

export const recordListBody = z
  .object({
    records: z.array(presentedRecord).describe('Newest received first, as its provider sees them (ID numbers masked)'),
    nextToken: z.string().optional(),
  })
  .meta({ id: 'DepartmentRecords' });

/**
 * What happened to a record, as the upstream platforms are told (docs/exchange.md): pushed, corrected (a new
 * version, by its department, an import or a case), put under objection (its punishments suspended), the
 * objection resolved with the record kept, revoked, repaired (taken out of publicity).
 */
export const recordChangeKinds = ['created', 'corrected', 'objectionRaised', 'objectionResolved', 'revoked', 'repaired'] as const;
