import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stablePorts, startOnPort } from '../../local/ports.ts';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));
const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => (servers.push(server), resolve(server)));
  });

describe('emulator ports', () => {
  it('a port taken between choosing and binding it is replaced by a free one, kept in the ports file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ports-')), 'ports.json');
    const ports = await stablePorts(file, ['s3']);
    const taken = ports.s3;
    await listenOn(taken); // someone else binds it first
    const server = await startOnPort(ports, 's3', file, (port) => listenOn(port));
    const bound = (server.address() as { port: number }).port;
    expect(bound).not.toBe(taken);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ s3: bound });
  });

  it('any other failure is not retried', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ports-')), 'ports.json');
    const ports = await stablePorts(file, ['sns']);
    let calls = 0;
    await expect(startOnPort(ports, 'sns', file, async () => ((calls += 1), Promise.reject(new Error('bad config'))))).rejects.toThrow('bad config');
    expect(calls).toBe(1);
  });
});
