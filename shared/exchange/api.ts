import * as z from 'zod';
import { recordChangeKinds } from '../records/api.ts';
import { deliveryStates } from './delivery-states.ts';

const destinationId = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a destination id of the county file (lower-case kebab-case)');
const deliveryId = z.string().regex(/^dlv_[A-Za-z0-9_-]{26}$/, 'must be a deliveryId answered by GET /exchange/destinations/{destinationId}/deliveries');

export const destinationParams = z.object({ destinationId });

export const destinationSummaryBody = z.object({
  id: z.string(),
  name: z.string(),
  transport: z.enum(['https', 'file']),
  url: z.string().optional(),
  files: z.string().optional().describe('A file destination: the key prefix of its daily files in the reports bucket'),
  kinds: z.array(z.string()).nullable().describe('The record kinds it takes (null: all)'),
  personIdNumbers: z.enum(['masked', 'whole']),
  source: z.string().describe('The clause that asks for this push'),
  delivered: z.number().int(),
  pending: z.number().int().describe('due + waiting (a file destination: queued for the days not yet written)'),
  due: z.number().int(),
  waiting: z.number().int().describe('Behind an earlier change of the same record'),
  failed: z.number().int().describe('Dead-lettered: POST …/redrive sends them again'),
  nextAttemptAt: z.string().optional(),
  lastDeliveredAt: z.string().optional(),
  lastError: z.string().optional(),
  lastErrorAt: z.string().optional(),
  droppedThrough: z.string().optional().describe('A file destination: the last day written'),
  lastFile: z.string().optional(),
});

export const destinationListBody = z.object({
  source: z.string(),
  retry: z.object({ firstSeconds: z.number(), maxSeconds: z.number(), deadLetterAfterHours: z.number() }),
  destinations: z.array(destinationSummaryBody),
});

export const listDeliveriesQuery = z
  .object({
    state: z.enum(['all', 'due', 'waiting', 'failed']).default('all').describe('all: newest queued first; failed: the dead-letter queue'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    nextToken: z.string().max(2000).optional(),
  })
  .strict();

export const deliveryViewBody = z.object({
  deliveryId: z.string(),
  recordId: z.string(),
  decisionNumber: z.string(),
  kind: z.string(),
  providerOrgId: z.string(),
  change: z.enum(recordChangeKinds),
  version: z.number().int(),
  changedAt: z.string(),
  sequence: z.string(),
  state: z.enum(deliveryStates),
  queuedAt: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  failedAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  file: z.string().optional(),
});

export const deliveryListBody = z.object({
  destinationId: z.string(),
  state: z.string(),
  deliveries: z.array(deliveryViewBody),
  nextToken: z.string().optional(),
});

export const redriveBody = z
  .object({ deliveryIds: z.array(deliveryId).min(1).max(200).optional().describe('Default: every failed delivery of the destination') })
  .strict();

export const redriveResultBody = z.object({
  destinationId: z.string(),
  redriven: z.number().int(),
  notFailed: z.array(z.string()).optional().describe('Named deliveries that are not in the dead-letter queue'),
});
