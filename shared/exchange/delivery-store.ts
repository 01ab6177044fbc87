import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../storage/dynamo-client.ts';
import { tableName } from '../storage/resource-names.ts';
import { keys, withoutKeys } from '../storage/keys.ts';
import { queryAll } from '../storage/query-all.ts';
import { creditTable } from '../storage/tables.ts';
import type { RecordChange } from '../records/port.ts';
import { deliveryIdOf } from './delivery-body.ts';
import type { DeliveryState } from './delivery-states.ts';

export { deliveryStates, type DeliveryState } from './delivery-states.ts';

const table = () => tableName(creditTable);

export interface Delivery {
  destinationId: string;
  deliveryId: string;
  recordId: string;
  seq: string;
  change: RecordChange['change'];
  version: number;
  lifecycle: RecordChange['lifecycle'];
  changedAt: string;
  kind: RecordChange['kind'];
  providerOrgId: string;
  decisionNumber: string;
  caseId?: string;
  state: DeliveryState;
  queuedAt: string;
  attempts: number;
  nextAttemptAt?: string;
  firstFailedAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  failedAt?: string;
  deliveredAt?: string;
  /** A later change of the record queued behind this one (its arrival makes that one due). */
  followedBy?: string;
  /** A file destination's day (county time) and, once dropped, the object it is in. */
  fileDay?: string;
  file?: string;
}

/** The destination's own item: counters kept exactly (each moves in the transaction that moves a delivery) and the file drops. */
export interface DestinationState {
  delivered: number;
  failed: number;
  lastDeliveredAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  firstFileDay?: string;
  droppedThrough?: string;
}

/** The index key a delivery has in each state (none once delivered). */
function stateKey(d: Pick<Delivery, 'destinationId' | 'state' | 'recordId' | 'seq' | 'queuedAt' | 'nextAttemptAt' | 'failedAt' | 'fileDay'>) {
  const tail = `${d.recordId}#${d.seq}`;
  switch (d.state) {
    case 'due':
      return keys.deliveryInState(d.destinationId, 'due', `${d.nextAttemptAt}#${tail}`);
    case 'waiting':
      return keys.deliveryInState(d.destinationId, 'waiting', `${d.queuedAt}#${tail}`);
    case 'failed':
      return keys.deliveryInState(d.destinationId, 'failed', `${d.failedAt}#${tail}`);
    case 'file':
      return keys.deliveryInState(d.destinationId, `file#${d.fileDay}`, `${d.queuedAt}#${tail}`);
    case 'delivered':
      return {};
  }
}

const deliveryItem = (d: Delivery) => ({
  ...keys.delivery(d.destinationId, d.recordId, d.seq),
  ...keys.deliveryByQueuedAt(d.destinationId, d.queuedAt, d.recordId, d.seq),
  ...stateKey(d),
  type: 'delivery',
  ...d,
});

/** A record's deliveries at a destination, in order (read from the table: strongly consistent). */
export async function deliveriesOfRecord(destinationId: string, recordId: string): Promise<Delivery[]> {
  const { items } = await queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.deliveriesOfRecord(destinationId, recordId) }, ConsistentRead: true });
  return items.map((i) => withoutKeys<Delivery>(i));
}

/**
 * Queues a change for a destination, once (a second queueing of the same change is ignored). Sent one by one: due
 * at once when nothing earlier of the record is still undelivered there (`first`: the record's first change, which
 * nothing precedes, is due without reading), otherwise waiting behind it, the delivery it waits for marked so that
 * its arrival looks for the next. A file destination queues it for the day's file.
 */
export async function queueDelivery(args: { destinationId: string; transport: 'https' | 'file'; change: RecordChange; queuedAt: string; fileDay: string; first?: boolean }): Promise<'queued' | 'existing'> {
  const { change, destinationId } = args;
  let state: DeliveryState = 'file';
  let ahead: Delivery | undefined;
  if (args.transport === 'https') {
    if (!args.first) ahead = (await deliveriesOfRecord(destinationId, change.recordId)).filter((d) => d.seq < change.seq && d.state !== 'delivered').at(-1);
    state = ahead ? 'waiting' : 'due';
  }
  const delivery: Delivery = {
    destinationId,
    deliveryId: deliveryIdOf(change.recordId, change.seq),
    recordId: change.recordId,
    seq: change.seq,
    change: change.change,
    version: change.version,
    lifecycle: change.lifecycle,
    changedAt: change.at,
    kind: change.kind,
    providerOrgId: change.providerOrgId,
    decisionNumber: change.decisionNumber,
    ...(change.caseId ? { caseId: change.caseId } : {}),
    state,
    queuedAt: args.queuedAt,
    attempts: 0,
    ...(state === 'due' ? { nextAttemptAt: args.queuedAt } : {}),
    ...(state === 'file' ? { fileDay: args.fileDay } : {}),
  };
  try {
    await dynamo.send(new PutCommand({ TableName: table(), Item: deliveryItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'existing';
    throw error;
  }
  if (ahead)
    await dynamo.send(new UpdateCommand({ TableName: table(), Key: keys.delivery(destinationId, ahead.recordId, ahead.seq), UpdateExpression: 'SET followedBy = :seq', ExpressionAttributeValues: { ':seq': change.seq } }));
  return 'queued';
}

/** A file destination's first day with a delivery queued (where its daily files begin), once per run. */
export async function noteFileDay(destinationId: string, day: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({ TableName: table(), Key: keys.destinationState(destinationId), UpdateExpression: 'SET firstFileDay = if_not_exists(firstFileDay, :day)', ExpressionAttributeValues: { ':day': day } }),
  );
}

/** Deliveries of a destination in a state (oldest key first), a page at a time; `until` bounds due ones by their next attempt. */
export async function deliveriesInState(args: { destinationId: string; state: string; limit: number; until?: string; startKey?: Record<string, unknown>; newestFirst?: boolean }) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: `gsi2pk = :pk${args.until ? ' AND gsi2sk <= :until' : ''}`,
      ExpressionAttributeValues: { ':pk': keys.deliveriesInState(args.destinationId, args.state), ...(args.until ? { ':until': `${args.until}#~` } : {}) },
      Limit: args.limit,
      ScanIndexForward: !args.newestFirst,
      ExclusiveStartKey: args.startKey,
    }),
  );
  return { deliveries: (result.Items ?? []).map((i) => withoutKeys<Delivery>(i)), lastKey: result.LastEvaluatedKey };
}

/** Every delivery of a destination, newest queued first. */
export async function recentDeliveries(args: { destinationId: string; limit: number; startKey?: Record<string, unknown> }) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.deliveriesOfDestination(args.destinationId) },
      Limit: args.limit,
      ScanIndexForward: false,
      ExclusiveStartKey: args.startKey,
    }),
  );
  return { deliveries: (result.Items ?? []).map((i) => withoutKeys<Delivery>(i)), lastKey: result.LastEvaluatedKey };
}

/** How many deliveries of a destination are in a state (counted on the index, a page of keys at a time). */
export async function countInState(destinationId: string, state: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.deliveriesInState(destinationId, state) }, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

export async function destinationState(destinationId: string): Promise<DestinationState> {
  const result = await dynamo.send(new GetCommand({ TableName: table(), Key: keys.destinationState(destinationId), ConsistentRead: true }));
  const item = result.Item ? withoutKeys<Partial<DestinationState>>(result.Item) : {};
  return { delivered: 0, failed: 0, ...item };
}

type Update = { Update: { TableName: string; Key: Record<string, unknown>; UpdateExpression: string; ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } };

/** The update that moves a delivery from the state it was read in to another: conditional on that state and attempt count. */
function moveDelivery(from: Delivery, to: Delivery): Update {
  const next = deliveryItem(to);
  const indexKeys = ['gsi2pk', 'gsi2sk'] as const;
  const fields = Object.entries(next).filter(([k]) => k !== 'pk' && k !== 'sk');
  const names: Record<string, string> = { '#state': 'state', '#attempts': 'attempts' };
  const values: Record<string, unknown> = { ':from': from.state, ':fromAttempts': from.attempts };
  const sets = fields.map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  const removed = [...indexKeys.filter((k) => !(k in next)), ...(['nextAttemptAt', 'firstFailedAt', 'lastError', 'failedAt'] as const).filter((k) => !(k in next))];
  const removes = removed.map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: table(),
      Key: keys.delivery(to.destinationId, to.recordId, to.seq),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#state = :from AND #attempts = :fromAttempts',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

const counters = (destinationId: string, set: Record<string, unknown>, add: { delivered?: number; failed?: number }): Update => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const adds = Object.entries(add).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    return `#${k} :${k}`;
  });
  return {
    Update: {
      TableName: table(),
      Key: keys.destinationState(destinationId),
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].join(' ').trim(),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

async function transact(items: Update[]): Promise<boolean> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * The delivery arrived: delivered, the destination's count up by one, and the record's next change (waiting behind
 * it) due at once, all in one transaction. False when it had moved meanwhile (nothing written).
 */
export async function markDelivered(delivery: Delivery, at: string): Promise<{ ok: boolean; next?: Delivery }> {
  // Only a delivery a later change was queued behind looks for it (most records have one change).
  const next = delivery.followedBy ? (await deliveriesOfRecord(delivery.destinationId, delivery.recordId)).find((d) => d.seq > delivery.seq && d.state === 'waiting') : undefined;
  const delivered: Delivery = { ...delivery, state: 'delivered', deliveredAt: at, lastAttemptAt: at, attempts: delivery.attempts + 1 };
  delete delivered.nextAttemptAt;
  delete delivered.lastError;
  delete delivered.firstFailedAt;
  const promoted: Delivery | undefined = next && { ...next, state: 'due', nextAttemptAt: at };
  const ok = await transact([
    moveDelivery(delivery, delivered),
    counters(delivery.destinationId, { lastDeliveredAt: at }, { delivered: 1 }),
    ...(next && promoted ? [moveDelivery(next, promoted)] : []),
  ]);
  return ok ? { ok, ...(promoted ? { next: promoted } : {}) } : { ok };
}

/** A failed attempt: due again at `nextAttemptAt`, or (dead) failed, the destination's failures up by one. */
export async function markAttemptFailed(delivery: Delivery, at: string, reason: string, outcome: { dead: true } | { dead: false; nextAttemptAt: string }): Promise<boolean> {
  const base = { ...delivery, attempts: delivery.attempts + 1, lastAttemptAt: at, lastError: reason, firstFailedAt: delivery.firstFailedAt ?? at };
  const moved: Delivery = outcome.dead ? { ...base, state: 'failed', failedAt: at } : { ...base, state: 'due', nextAttemptAt: outcome.nextAttemptAt };
  if (outcome.dead) delete moved.nextAttemptAt;
  return transact([moveDelivery(delivery, moved), counters(delivery.destinationId, { lastError: reason, lastErrorAt: at }, outcome.dead ? { failed: 1 } : {})]);
}

/** A dead-lettered delivery sent again, its attempts from zero. */
export async function redriveDelivery(delivery: Delivery, at: string, today: string): Promise<boolean> {
  // A file destination's delivery goes into the file of the redrive's day; a push's is due at once.
  const again: Delivery = delivery.fileDay ? { ...delivery, state: 'file', fileDay: today, attempts: 0 } : { ...delivery, state: 'due', nextAttemptAt: at, attempts: 0 };
  delete again.failedAt;
  delete again.firstFailedAt;
  return transact([moveDelivery(delivery, again), counters(delivery.destinationId, {}, { failed: -1 })]);
}

/** A day's file is written: its deliveries delivered (in it), counted. */
export async function markDroppedInFile(deliveries: Delivery[], file: string, at: string): Promise<void> {
  for (let i = 0; i < deliveries.length; i += 50) {
    const group = deliveries.slice(i, i + 50);
    const delivered = (d: Delivery): Delivery => ({ ...d, state: 'delivered', deliveredAt: at, file, attempts: d.attempts + 1, lastAttemptAt: at });
    // One by one if the group's transaction is cancelled (one of them moved meanwhile): the rest still are.
    if (!(await transact([...group.map((d) => moveDelivery(d, delivered(d))), counters(group[0]!.destinationId, { lastDeliveredAt: at }, { delivered: group.length })])))
      for (const d of group) await transact([moveDelivery(d, delivered(d)), counters(d.destinationId, { lastDeliveredAt: at }, { delivered: 1 })]);
  }
}

export async function setDroppedThrough(destinationId: string, day: string): Promise<void> {
  await dynamo.send(new UpdateCommand({ TableName: table(), Key: keys.destinationState(destinationId), UpdateExpression: 'SET droppedThrough = :day', ExpressionAttributeValues: { ':day': day } }));
}

/**
 * The dispatcher's lease: one run at a time (a schedule's retry, or a run that outlasts its minute, finds it
 * held). Held until `until`, so a run that died frees it by itself.
 */
export async function takeLease(owner: string, now: Date, seconds: number): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.exchangeLease, owner, until: new Date(now.getTime() + seconds * 1000).toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function releaseLease(owner: string): Promise<void> {
  try {
    await dynamo.send(new DeleteCommand({ TableName: table(), Key: keys.exchangeLease, ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner } }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
