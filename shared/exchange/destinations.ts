import { addDays, localDate } from '../calendar/dates.ts';
import { clauseLabel, type CountyConfig } from '../config/county-config.ts';
import { NotFound } from '../errors/domain-errors.ts';
import { asPageTokenError, decodePageToken, encodePageToken } from '../http/page-token.ts';
import { countInState, deliveriesInState, destinationState, recentDeliveries, redriveDelivery, type Delivery } from './delivery-store.ts';
import { dropFileKey, dropFilePrefix } from './drop-files.ts';

type Destination = CountyConfig['exchange']['destinations'][number];

function destinationOf(county: CountyConfig, destinationId: string): Destination {
  const destination = county.exchange.destinations.find((d) => d.id === destinationId);
  if (!destination) throw new NotFound(`destination ${destinationId}`);
  return destination;
}

/**
 * The credit office's view of each upstream destination (上报交换): what it takes and why, how many deliveries
 * arrived, are pending (due, or waiting behind an earlier change of their record) and failed (the dead-letter
 * queue, to redrive), the last delivery and the last error; a file destination's last day written.
 */
export async function listDestinations(args: { county: CountyConfig; now: Date }) {
  const { county } = args;
  const today = localDate(args.now, county.timeZone);
  return {
    source: clauseLabel(county.exchange.source),
    retry: county.exchange.retry,
    destinations: await Promise.all(
      county.exchange.destinations.map(async (d) => {
        const [state, due, waiting, failed] = await Promise.all([
          destinationState(d.id),
          d.transport === 'https' ? countInState(d.id, 'due') : Promise.resolve(0),
          d.transport === 'https' ? countInState(d.id, 'waiting') : Promise.resolve(0),
          countInState(d.id, 'failed'),
        ]);
        // A file destination: what is queued for the days not yet written (today's file is written tomorrow).
        const fileDays: string[] = [];
        if (d.transport === 'file')
          for (let day = state.droppedThrough ? addDays(state.droppedThrough, 1) : state.firstFileDay; day && day <= today && fileDays.length < 32; day = addDays(day, 1)) fileDays.push(day);
        const queuedForFiles = (await Promise.all(fileDays.map((day) => countInState(d.id, `file#${day}`)))).reduce((a, b) => a + b, 0);
        const oldestDue = d.transport === 'https' ? (await deliveriesInState({ destinationId: d.id, state: 'due', limit: 1 })).deliveries[0] : undefined;
        return {
          id: d.id,
          name: d.name,
          transport: d.transport,
          ...(d.transport === 'https' ? { url: d.url! } : { files: dropFilePrefix(d.id) }),
          kinds: d.kinds ?? null,
          personIdNumbers: d.personIdNumbers,
          source: clauseLabel(d.source),
          delivered: state.delivered,
          pending: due + waiting + queuedForFiles,
          due,
          waiting,
          failed,
          ...(oldestDue?.nextAttemptAt ? { nextAttemptAt: oldestDue.nextAttemptAt } : {}),
          ...(state.lastDeliveredAt ? { lastDeliveredAt: state.lastDeliveredAt } : {}),
          ...(state.lastError ? { lastError: state.lastError, lastErrorAt: state.lastErrorAt } : {}),
          ...(state.droppedThrough ? { droppedThrough: state.droppedThrough, lastFile: dropFileKey(d.id, state.droppedThrough) } : {}),
        };
      }),
    ),
  };
}

/** What the office sees of one delivery: the record by its number and kind, never the subject (a person's name or number). */
export function presentDelivery(d: Delivery) {
  return {
    deliveryId: d.deliveryId,
    recordId: d.recordId,
    decisionNumber: d.decisionNumber,
    kind: d.kind,
    providerOrgId: d.providerOrgId,
    change: d.change,
    version: d.version,
    changedAt: d.changedAt,
    sequence: d.seq,
    state: d.state,
    queuedAt: d.queuedAt,
    attempts: d.attempts,
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
    ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt } : {}),
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.failedAt ? { failedAt: d.failedAt } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
    ...(d.file ? { file: d.file } : {}),
  };
}

/** A destination's deliveries: every one newest first (`all`), or those in a state (due by next attempt, failed by when). */
export async function listDeliveries(args: { county: CountyConfig; destinationId: string; query: { state?: 'all' | 'due' | 'waiting' | 'failed'; limit?: number; nextToken?: string } }) {
  destinationOf(args.county, args.destinationId);
  const state = args.query.state ?? 'all';
  const limit = args.query.limit ?? 50;
  const startKey = decodePageToken(args.query.nextToken);
  try {
    const page =
      state === 'all'
        ? await recentDeliveries({ destinationId: args.destinationId, limit, startKey })
        : await deliveriesInState({ destinationId: args.destinationId, state, limit, startKey, newestFirst: state === 'failed' });
    return { destinationId: args.destinationId, state, deliveries: page.deliveries.map(presentDelivery), ...(page.lastKey ? { nextToken: encodePageToken(page.lastKey) } : {}) };
  } catch (error) {
    throw asPageTokenError(error) ?? error;
  }
}

/**
 * The redrive: dead-lettered deliveries of a destination (those named, or all) due again at once, their attempts
 * from zero; the next run sends them, and each record's later changes after them, in order.
 */
export async function redriveDestination(args: { county: CountyConfig; destinationId: string; body: { deliveryIds?: string[] }; now: Date }) {
  destinationOf(args.county, args.destinationId);
  const wanted = args.body.deliveryIds ? new Set(args.body.deliveryIds) : undefined;
  const at = args.now.toISOString();
  let redriven = 0;
  const notFound = new Set(wanted ?? []);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deliveriesInState({ destinationId: args.destinationId, state: 'failed', limit: 200, startKey });
    for (const d of page.deliveries) {
      if (wanted && !wanted.has(d.deliveryId)) continue;
      notFound.delete(d.deliveryId);
      if (await redriveDelivery(d, at, localDate(args.now, args.county.timeZone))) redriven += 1;
    }
    startKey = page.lastKey;
  } while (startKey);
  return { destinationId: args.destinationId, redriven, ...(notFound.size ? { notFailed: [...notFound] } : {}) };
}
