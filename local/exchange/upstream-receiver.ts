import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { JsonWebKey } from 'node:crypto';
import { deliveryHeaders, verifyDelivery } from '../../shared/exchange/delivery-signature.ts';

/** One delivery as the receiving endpoint took it. */
export interface ReceivedDelivery {
  destination: string;
  id: string;
  receivedAt: string;
  /** A delivery whose id it had already taken: answered 200 and dropped (what a receiver should do). */
  duplicate: boolean;
  /** The headers it was signed with (verified before it was taken). */
  timestamp: string;
  signature: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the delivery body as sent
  body: any;
}

/** How the endpoint answers while told to fail: a status (503 by default), or a dropped connection. */
export type UpstreamFault = { status: number; body?: string } | { dropConnection: true } | { takeThenFail: number };

export interface UpstreamReceiver {
  server: Server;
  /** Every delivery taken (duplicates too, marked), in the order they arrived; of one destination when named. */
  received(destination?: string): ReceivedDelivery[];
  /** The distinct deliveries a destination kept (first arrival of each id), in order. */
  kept(destination: string): ReceivedDelivery[];
  /** From now on, answer every delivery (of `destination`, or all) with this fault, until `recover`. */
  fail(fault?: UpstreamFault, destination?: string): void;
  recover(destination?: string): void;
  /** Refused for a bad signature: how many (a test that they are all well signed reads 0). */
  refusedSignatures(): number;
}

/**
 * The local stand-in for the city and provincial platforms' receiving endpoints (docs/exchange.md): POST
 * `/<destination id>` with a signed delivery. It verifies the signature with the machine API's published key (as a
 * receiver does with the JWKS), drops a delivery whose id it has already taken (answering 200), records each in
 * `<folder>/<destination>.jsonl`, and can be told to fail (an outage) and to recover. Loopback only.
 */
export function createUpstreamReceiver(folder: string, jwks: () => Promise<{ keys: (JsonWebKey & { kid?: string })[] }>, now: () => Date): UpstreamReceiver {
  mkdirSync(folder, { recursive: true });
  const faults = new Map<string, UpstreamFault>();
  let refused = 0;
  const fileOf = (destination: string) => join(folder, `${destination}.jsonl`);
  const read = (destination: string): ReceivedDelivery[] =>
    existsSync(fileOf(destination))
      ? readFileSync(fileOf(destination), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ReceivedDelivery)
      : [];
  const destinations = new Set<string>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const destination = decodeURIComponent((request.url ?? '/').split('?')[0]!.replace(/^\//, ''));
    const answer = (status: number, text: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: text }));
    };
    if (request.method !== 'POST' || !/^[a-z][a-z0-9-]{1,30}$/.test(destination)) return answer(404, 'POST /<destination id>');
    const fault = faults.get(destination) ?? faults.get('*');
    if (fault && !('takeThenFail' in fault)) {
      if ('dropConnection' in fault) return request.socket.destroy();
      return answer(fault.status, fault.body ?? 'upstream unavailable (told to fail)');
    }
    const header = (name: string) => String(request.headers[name] ?? '');
    const id = header(deliveryHeaders.id);
    const problem = verifyDelivery({ jwks: await jwks(), id, timestamp: header(deliveryHeaders.timestamp), signature: header(deliveryHeaders.signature), body });
    if (problem) {
      refused += 1;
      return answer(401, problem);
    }
    let parsed: { id?: string };
    try {
      parsed = JSON.parse(body.toString('utf8')) as { id?: string };
    } catch {
      return answer(400, 'the body is not JSON');
    }
    if (parsed.id !== id) return answer(400, 'the body id is not the header id');
    destinations.add(destination);
    const duplicate = read(destination).some((d) => d.id === id);
    const entry: ReceivedDelivery = { destination, id, receivedAt: now().toISOString(), duplicate, timestamp: header(deliveryHeaders.timestamp), signature: header(deliveryHeaders.signature), body: parsed };
    appendFileSync(fileOf(destination), JSON.stringify(entry) + '\n');
    // Taken, but the answer is lost on the way back (a timeout, a proxy's 502): the sender must retry, the receiver drop the repeat.
    if (fault && 'takeThenFail' in fault) return answer(fault.takeThenFail, 'taken, answer lost');
    answer(200, duplicate ? 'duplicate dropped' : 'taken');
  });
  return {
    server,
    received: (destination) => (destination ? read(destination) : [...destinations].flatMap(read)),
    kept: (destination) => read(destination).filter((d) => !d.duplicate),
    fail: (fault = { status: 503 }, destination = '*') => void faults.set(destination, fault),
    recover: (destination) => (destination ? faults.delete(destination) : faults.clear()) as unknown as void,
    refusedSignatures: () => refused,
  };
}
