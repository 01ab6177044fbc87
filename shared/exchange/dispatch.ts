import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { addDays, localDate } from '../calendar/dates.ts';
import type { CountyConfig } from '../config/county-config.ts';
import { logger } from '../lambda/logger.ts';
import { tokenSignerFromEnv, type TokenSigner } from '../machine-clients/port.ts';
import { changesOfRecord, clearInput, markChangeHandedOn, recordsWithPendingChanges, recordVersion, type RecordChange, type StoredRecord } from '../records/port.ts';
import { s3 } from '../storage/s3-client.ts';
import { reportsBucketName } from '../storage/resource-names.ts';
import { resourceEnv } from '../storage/tables.ts';
import { deliveryBody, type DeliveryBody } from './delivery-body.ts';
import { deliveryHeaders, signatureHeader, signingInput } from './delivery-signature.ts';
import {
  deliveriesInState,
  destinationState,
  markAttemptFailed,
  markDelivered,
  markDroppedInFile,
  noteFileDay,
  queueDelivery,
  releaseLease,
  setDroppedThrough,
  takeLease,
  type Delivery,
} from './delivery-store.ts';
import { afterFailure, failureOf } from './retry-policy.ts';
import { dropFileKey, dropManifestKey } from './drop-files.ts';

type Destination = CountyConfig['exchange']['destinations'][number];

/** What one run did, for the log and the tests. */
export interface DispatchSummary {
  skipped?: 'leaseHeld';
  changesHandedOn: number;
  queued: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  files: string[];
}

/** Changes handed on per run, deliveries sent per destination per run, sends in flight at once. */
const changesPerRun = 500;
const sendsPerRun = 500;
const parallelSends = 4;
/** Consecutive transient failures after which a run leaves a destination alone (the rest stay due for the next run). */
const breakerFailures = 3;
const sendTimeoutMs = 10_000;

/**
 * One run of the exchange (every minute on AWS; docs/exchange.md): the records' new changes queued for each
 * destination that takes their kind, then each https destination's due deliveries sent (a record's changes one
 * after another, in order; records side by side), then each file destination's ended days written as files.
 * One run at a time (a lease). Every step is idempotent: a run cut short is finished by the next.
 */
export async function dispatchExchange(args: { county: CountyConfig; now: Date; signer?: TokenSigner; send?: typeof fetch; deadline?: () => number }): Promise<DispatchSummary> {
  const { county, now } = args;
  const summary: DispatchSummary = { changesHandedOn: 0, queued: 0, delivered: 0, retried: 0, deadLettered: 0, files: [] };
  const owner = randomUUID();
  if (!(await takeLease(owner, now, 60))) return { ...summary, skipped: 'leaseHeld' };
  try {
    const destinations = county.exchange.destinations;
    await handOnChanges(destinations, now, county, summary, args.deadline);
    if (destinations.length === 0) return summary;
    const signer = args.signer ?? tokenSignerFromEnv();
    const input = inputReader();
    for (const destination of destinations) {
      if (destination.transport === 'https') await sendDue({ destination, county, now, signer, send: args.send ?? fetch, input, summary, deadline: args.deadline });
      else await dropFiles({ destination, county, now, signer, input, summary });
    }
    return summary;
  } finally {
    await releaseLease(owner);
  }
}

/** Records handed on at once (each record's own changes still one after another, in order). */
const parallelRecords = 8;

/** Each record's pending changes, in its order, queued for every destination that takes the kind, then marked handed on. */
async function handOnChanges(destinations: readonly Destination[], now: Date, county: CountyConfig, summary: DispatchSummary, deadline?: () => number) {
  const recordIds = await recordsWithPendingChanges(changesPerRun);
  const queuedAt = now.toISOString();
  const fileDay = localDate(now, county.timeZone);
  const fileDays = new Set<string>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < recordIds.length; i = next++) {
      // Leave time to send: what is not handed on now is the next run's.
      if (deadline && deadline() < 25_000) return;
      const changes = await changesOfRecord(recordIds[i]!);
      for (const [index, change] of changes.entries()) {
        if (!change.pending) continue;
        for (const destination of destinations) {
          if (destination.kinds && !destination.kinds.includes(change.kind)) continue;
          // The record's first change has nothing before it at any destination: due without reading its queue.
          const outcome = await queueDelivery({ destinationId: destination.id, transport: destination.transport, change, queuedAt, fileDay, first: index === 0 });
          if (outcome === 'queued') summary.queued += 1;
          if (destination.transport === 'file') fileDays.add(destination.id);
        }
        await markChangeHandedOn(change.recordId, change.seq, queuedAt);
        summary.changesHandedOn += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelRecords, recordIds.length) }, worker));
  for (const destinationId of fileDays) await noteFileDay(destinationId, fileDay);
}

/** The body of a delivery: its version read once per run, persons' numbers opened only for a destination entitled to them. */
function inputReader() {
  const versions = new Map<string, Promise<StoredRecord | undefined>>();
  return async (delivery: Delivery, destination: Destination, county: CountyConfig): Promise<DeliveryBody> => {
    const key = `${delivery.recordId}#${delivery.version}`;
    if (!versions.has(key)) versions.set(key, recordVersion(delivery.recordId, delivery.version));
    const version = await versions.get(key)!;
    if (!version) throw new Error(`record ${delivery.recordId} has no version ${delivery.version}`);
    const wholeIdNumbers = destination.personIdNumbers === 'whole';
    const input = wholeIdNumbers ? await clearInput(version) : version.input;
    const change: RecordChange = {
      recordId: delivery.recordId,
      seq: delivery.seq,
      change: delivery.change,
      version: delivery.version,
      lifecycle: delivery.lifecycle,
      at: delivery.changedAt,
      kind: delivery.kind,
      providerOrgId: delivery.providerOrgId,
      decisionNumber: delivery.decisionNumber,
      ...(delivery.caseId ? { caseId: delivery.caseId } : {}),
    };
    return deliveryBody({ change, version, input, wholeIdNumbers, destinationId: destination.id, countyDivisionCode: county.divisionCode });
  };
}

/** Where a destination's deliveries go: the county file's URL, or the endpoint this environment names for every destination. */
function urlOf(destination: Destination): string {
  const override = process.env[resourceEnv.exchangeEndpoint];
  return override ? `${override.replace(/\/$/, '')}/${destination.id}` : destination.url!;
}

async function sendDue(args: {
  destination: Destination;
  county: CountyConfig;
  now: Date;
  signer: TokenSigner;
  send: typeof fetch;
  input: ReturnType<typeof inputReader>;
  summary: DispatchSummary;
  deadline?: () => number;
}) {
  const { destination, now, signer, summary } = args;
  const { deliveries } = await deliveriesInState({ destinationId: destination.id, state: 'due', limit: sendsPerRun, until: now.toISOString() });
  const { kid } = await signer.publicJwk();
  let consecutiveFailures = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < deliveries.length; i = next++) {
      if (consecutiveFailures >= breakerFailures) return;
      if (args.deadline && args.deadline() < 5_000) return;
      // A record's next change, due once this one arrived, goes in the same run, right after it.
      for (let delivery: Delivery | undefined = deliveries[i]!; delivery; ) delivery = await sendOne(delivery);
    }
  };
  const sendOne = async (delivery: Delivery): Promise<Delivery | undefined> => {
    {
      const at = now.toISOString();
      let payload: Buffer;
      try {
        payload = Buffer.from(JSON.stringify(await args.input(delivery, destination, args.county)), 'utf8');
      } catch (error) {
        // A delivery whose body cannot be built (its version unreadable) is given up alone, not the run with it.
        const reason = `not built: ${(error as Error).message}`.slice(0, 300);
        if (await markAttemptFailed(delivery, at, reason, { dead: true })) summary.deadLettered += 1;
        logger.error('delivery not built', { destination: destination.id, deliveryId: delivery.deliveryId, reason });
        return undefined;
      }
      const signature = await signer.sign(signingInput(delivery.deliveryId, at, payload));
      const result = await post(args.send, urlOf(destination), payload, {
        [deliveryHeaders.id]: delivery.deliveryId,
        [deliveryHeaders.timestamp]: at,
        [deliveryHeaders.signature]: signatureHeader(kid, signature),
      });
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        consecutiveFailures = 0;
        const marked = await markDelivered(delivery, at);
        if (marked.ok) summary.delivered += 1;
        return marked.next;
      }
      const failure = failureOf(result);
      if (failure.transient) consecutiveFailures += 1;
      const outcome = afterFailure({ attempts: delivery.attempts + 1, firstFailedAt: new Date(delivery.firstFailedAt ?? at), now, failure, settings: args.county.exchange.retry });
      if (await markAttemptFailed(delivery, at, failure.reason, outcome.dead ? outcome : { dead: false, nextAttemptAt: outcome.nextAttemptAt.toISOString() })) {
        if (outcome.dead) summary.deadLettered += 1;
        else summary.retried += 1;
      }
      logger.warn('delivery failed', { destination: destination.id, deliveryId: delivery.deliveryId, reason: failure.reason, dead: outcome.dead });
      return undefined;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelSends, deliveries.length) }, worker));
}

async function post(send: typeof fetch, url: string, body: Buffer, headers: Record<string, string>): Promise<{ status?: number; body?: string; error?: string }> {
  try {
    const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body, signal: AbortSignal.timeout(sendTimeoutMs) });
    const text = (await response.text()).slice(0, 200);
    return { status: response.status, body: text };
  } catch (error) {
    return { error: (error as Error).message };
  }
}


/** At most this many ended days are written per run (a destination added long after its first queued day catches up over runs). */
const daysPerRun = 31;

/**
 * Each ended day of a file destination since the last one written, as one JSON-lines file of that day's deliveries
 * in the order they were queued (a record's changes in their order), with a manifest (count, SHA-256, signature):
 * written even when empty, so the puller knows the day is complete. Written again identically if a run is cut short.
 */
async function dropFiles(args: { destination: Destination; county: CountyConfig; now: Date; signer: TokenSigner; input: ReturnType<typeof inputReader>; summary: DispatchSummary }) {
  const { destination, county, now, signer } = args;
  const today = localDate(now, county.timeZone);
  const state = await destinationState(destination.id);
  const first = state.droppedThrough ? addDays(state.droppedThrough, 1) : state.firstFileDay;
  if (!first) return;
  const { kid } = await signer.publicJwk();
  for (let day = first, n = 0; day < today && n < daysPerRun; day = addDays(day, 1), n += 1) {
    const deliveries: Delivery[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deliveriesInState({ destinationId: destination.id, state: `file#${day}`, limit: 500, startKey });
      deliveries.push(...page.deliveries);
      startKey = page.lastKey;
    } while (startKey);
    const lines: string[] = [];
    const written: Delivery[] = [];
    for (const d of deliveries) {
      try {
        lines.push(JSON.stringify(await args.input(d, destination, county)));
        written.push(d);
      } catch (error) {
        // Given up alone, as a push is: the day's file is written without it (a redrive queues it for a later day).
        const reason = `not built: ${(error as Error).message}`.slice(0, 300);
        if (await markAttemptFailed(d, now.toISOString(), reason, { dead: true })) args.summary.deadLettered += 1;
        logger.error('delivery not built', { destination: destination.id, deliveryId: d.deliveryId, reason });
      }
    }
    const content = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const file = dropFileKey(destination.id, day);
    const id = `${destination.id}/${day}`;
    const at = now.toISOString();
    const manifest = { destination: destination.id, day, file, count: written.length, sha256, signedAt: at, signature: signatureHeader(kid, await signer.sign(signingInput(id, at, content))) };
    await s3.send(new PutObjectCommand({ Bucket: reportsBucketName(), Key: file, Body: content, ContentType: 'application/x-ndjson; charset=utf-8' }));
    await s3.send(new PutObjectCommand({ Bucket: reportsBucketName(), Key: dropManifestKey(destination.id, day), Body: JSON.stringify(manifest, null, 2), ContentType: 'application/json' }));
    await markDroppedInFile(written, file, at);
    await setDroppedThrough(destination.id, day);
    args.summary.files.push(file);
    args.summary.delivered += written.length;
  }
}
