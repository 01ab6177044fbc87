import type { CountyConfig } from '../config/county-config.ts';
import type { Caller } from '../identity/caller.ts';
import { DomainError, validationFailed } from '../errors/domain-errors.ts';
import { idempotencyKeyField } from '../http/idempotency.ts';
import { inPool } from '../lambda/in-pool.ts';
import { logger } from '../lambda/logger.ts';
import { batchSubjectItem } from './api.ts';
import { runCheck, type CheckRequest } from './run-check.ts';
import { matterListInForce } from '../matter-lists/port.ts';
import { checkedListItem } from './list-item.ts';

/** Checks of one batch run side by side: enough to finish 200 within the API's limit, few enough not to crowd the department's usage log. */
const concurrency = 4;

export interface BatchRequest {
  matter: CheckRequest['matter'];
  /** As sent: each item is validated alone, so that a bad code fails its item only. */
  subjects: unknown[];
}

export type BatchItem =
  | { index: number; reference?: string; ok: true; repeated: boolean; check: Awaited<ReturnType<typeof runCheck>>['receipt'] }
  | { index: number; reference?: string; ok: false; error: { code: string; message: string; field?: string } };

/**
 * POST /checks/batch (批量比对): one matter, many subjects (a tender's bidders). Each subject is one check of
 * its own, logged with its receipt as POST /checks logs it; a bad code, or any item's failure, is answered at
 * that item and the others go on. Idempotent per item: each item's check is keyed by the batch's
 * Idempotency-Key and the subject, so a retry of the batch (after a timeout, or with failed items) answers
 * the checks already logged and runs only the missing ones; a subject twice in one batch is refused at its
 * second place. The key is required: a batch retried without one would log every check twice.
 */
export async function runCheckBatch(args: { request: BatchRequest; caller: Caller; county: CountyConfig; now: Date; idempotencyKey: string | undefined }) {
  const { request, county } = args;
  if (args.idempotencyKey === undefined) throw validationFailed(idempotencyKeyField, 'a batch check needs an Idempotency-Key (a UUID, for example): a retry of the batch then logs no check twice');
  const max = county.api.batchCheck.maxSubjects;
  if (request.subjects.length === 0) throw validationFailed('body.subjects', 'must name at least one subject');
  if (request.subjects.length > max) throw validationFailed('body.subjects', `at most ${max} subjects in one batch (county rule: api.batchCheck.maxSubjects)`);

  // The list item, read and checked once: a batch's checks all serve it as the list says now (400 for the whole batch).
  const matterList = request.matter.listItem !== undefined ? ((await matterListInForce(args.caller.orgId)) ?? null) : undefined;
  if (request.matter.listItem !== undefined) checkedListItem(matterList ?? undefined, { type: request.matter.type, listItem: request.matter.listItem });

  const seen = new Map<string, number>();
  const items: Array<() => Promise<BatchItem>> = request.subjects.map((raw, index) => {
    const field = `body.subjects.${index}.subjectId`;
    const item = raw as { reference?: unknown } | null;
    // Echoed only as sent and valid: a reference that breaks its rule is the item's error, never shown back.
    const reference = typeof item?.reference === 'string' && batchSubjectItem.shape.reference.safeParse(item.reference).success ? item.reference : undefined;
    const failed = (error: { code: string; message: string; field?: string }) => async (): Promise<BatchItem> => ({ index, ...(reference ? { reference } : {}), ok: false, error });
    // Each item alone, by the item's schema (the code's rules, the reference's text rules, no other field).
    const parsed = batchSubjectItem.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = ['body', 'subjects', index, ...issue.path].join('.');
      return failed({ code: 'VALIDATION_FAILED', message: `${at}: ${issue.message}`, field: at });
    }
    const subjectId = parsed.data.subjectId;
    const identity = `${subjectId.type}:${subjectId.id}`;
    const first = seen.get(identity);
    if (first !== undefined) return failed({ code: 'DUPLICATE_SUBJECT', message: `${field}: the same subject as body.subjects.${first}.subjectId, checked once`, field });
    seen.set(identity, index);
    return async (): Promise<BatchItem> => {
      try {
        const { receipt, repeated } = await runCheck({
          request: { subjectId, matter: request.matter },
          caller: args.caller,
          county,
          now: args.now,
          // One key per subject within the batch: its check is the same one whoever retries.
          idempotencyKey: `${args.idempotencyKey}\u0000${identity}`,
          ...(matterList !== undefined ? { matterList } : {}),
        });
        return { index, ...(reference ? { reference } : {}), ok: true, repeated, check: receipt };
      } catch (error) {
        if (error instanceof DomainError) return { index, ...(reference ? { reference } : {}), ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field.replace(/^body\.subjectId/, field) } : {}) } };
        // A fault of the moment (throttling, a timeout): this item only; a retry of the batch runs it again.
        logger.warn('batch item failed', { index, error: (error as Error).name });
        return { index, ...(reference ? { reference } : {}), ok: false, error: { code: 'RETRY', message: 'this check could not be run just now: send the batch again with the same Idempotency-Key (checks already logged are answered, not repeated)' } };
      }
    };
  });

  const results = await inPool(concurrency, items);
  const succeeded = results.filter((r) => r.ok).length;
  return { matter: request.matter, count: results.length, succeeded, failed: results.length - succeeded, results };
}
