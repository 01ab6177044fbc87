import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitUntil } from '../ports.ts';

/**
 * DynamoDB Local (the AWS jar) as a child process. The jar ships inside the npm package
 * `amplify-dynamodb-simulator`, installed by `npm ci`; it runs on the machine's Java 17.
 * Measured: ~3 s to start, ~150 MiB; supports transactions, TTL, streams and PartiQL, which dynalite lacks.
 */
export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export function dynamoDbLocalJar(): string {
  const pkg = createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json');
  const jar = join(dirname(pkg), 'emulator', 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local jar not found at ${jar}: run npm ci`);
  return jar;
}

export async function startDynamoDbLocal(options: { dataDir?: string; port?: number; log?: (line: string) => void }): Promise<DynamoDbLocal> {
  const jar = dynamoDbLocalJar();
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${join(dirname(jar), 'DynamoDBLocal_lib')}`, '-Xmx512m', '-jar', jar, '-sharedDb', '-disableTelemetry', '-port', String(port), ...storage],
    // The jar writes a metadata file into its working directory: keep it out of the repo.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.dataDir ?? tmpdir() },
  );
  let exited: string | undefined;
  child.on('error', (error) => (exited = `could not start java (${error.message}); install a JRE 17 (apt-get install openjdk-17-jre-headless)`));
  child.on('exit', (code) => (exited ??= `exited with code ${code}`));
  child.stderr?.on('data', (d: Buffer) => options.log?.(`[dynamodb] ${d.toString().trim()}`));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitUntil('DynamoDB Local', async () => {
      if (exited) throw Object.assign(new Error(exited), { fatal: true });
      await client.send(new ListTablesCommand({}));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
