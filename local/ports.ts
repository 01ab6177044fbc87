import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on loopback, for an emulator that cannot pick its own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once `check` stops throwing, or rejects with `what` after `timeoutMs`. The default is generous:
 * a JVM (DynamoDB Local) starting on a small machine busy with other test workers was seen to need over 30 s.
 */
export async function waitUntil(what: string, check: () => Promise<unknown>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${(lastError as Error)?.message ?? lastError}`);
}

/** Whether `port` can be listened on now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Emulator ports kept in the data folder, so a restarted platform (and any tool pointed at it)
 * finds its emulators where they were; a port taken meanwhile is replaced by a free one.
 */
export async function stablePorts<const N extends string>(file: string, names: readonly N[]): Promise<Record<N, number>> {
  const previous: Partial<Record<N, number>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const ports = {} as Record<N, number>;
  for (const name of names) {
    const kept = previous[name];
    ports[name] = kept && (await isPortFree(kept)) ? kept : await freePort();
  }
  writeFileSync(file, JSON.stringify(ports));
  return ports;
}

/**
 * Starts an emulator on its port; if the port was taken between choosing and binding it (another
 * process, or an outgoing connection drawing from the same ephemeral range), it starts again on another
 * free port, which is kept in the ports file. A platform restarted on its own data keeps its ports.
 */
export async function startOnPort<const N extends string, T>(
  ports: Record<N, number>,
  name: N,
  file: string,
  start: (port: number) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(ports[name]);
    } catch (error) {
      if (attempt >= attempts || !/EADDRINUSE|address already in use/i.test(String((error as Error)?.message ?? error))) throw error;
      ports[name] = await freePort();
      writeFileSync(file, JSON.stringify(ports));
    }
  }
}
