import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { S3Event } from 'aws-lambda';
import type { CorsRule } from './cors.ts';
import { configToEnv, type EmulatorMessage } from './emulator-protocol.ts';

export interface S3EmulatorOptions {
  /** The endpoint's port; 0 or absent picks a free one. */
  port?: number;
  /** Kept across restarts: objects written in one run are there in the next. */
  dataDir: string;
  /** The one key pair the emulator accepts; anything else gets InvalidAccessKeyId. */
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Created at start if missing. */
  buckets: string[];
  /** Of `buckets`, those with versioning on, as on AWS: writes get version ids, GET/HEAD take `versionId`, events carry it. */
  versionedBuckets?: string[];
  /** Bucket CORS rules (CDK `CorsRule` field names), applied to every bucket. */
  cors?: CorsRule[];
  /** Called with each ObjectCreated notification, unfiltered; the caller routes it. */
  onEvent: (event: S3Event) => void | Promise<void>;
  /** The emulator's log lines (refused requests, errors). Default: stderr. */
  log?: (line: string) => void;
}

export interface S3Emulator {
  /** `http://127.0.0.1:<port>`: use with `forcePathStyle: true`. */
  endpoint: string;
  /** Ends the emulator and resolves once its process has exited. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000; // as DynamoDB Local gets: a two-CPU machine busy with other test workers took over 20 s
const STOP_GRACE_MS = 5_000;

/** Starts the S3 emulator in a child process and resolves when it answers on its endpoint. */
export async function startS3Emulator(options: S3EmulatorOptions): Promise<S3Emulator> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const recentLines: string[] = [];
  const require = createRequire(import.meta.url);
  const entry = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));

  // One process, loaded through tsx's loader: with the tsx CLI in between, the emulator would not
  // see this process disconnect. The legacy provider is for s3rver's ListObjectsV2 tokens (DES).
  const child = fork(entry, [], {
    execArgv: ['--openssl-legacy-provider', '--import', pathToFileURL(require.resolve('tsx')).href],
    env: {
      ...process.env,
      ...configToEnv({
        port: options.port ?? 0,
        dataDir: options.dataDir,
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
        region: options.region,
        buckets: options.buckets,
        versionedBuckets: options.versionedBuckets ?? [],
        cors: options.cors ?? [],
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      recentLines.push(line);
      if (recentLines.length > 20) recentLines.shift();
      log(line);
    });
  }

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping = false;
  void exited.then((code) => {
    if (!stopping) log(`s3: emulator process exited unexpectedly (code ${code})`);
  });

  child.on('message', (message: EmulatorMessage) => {
    if (message.type !== 's3-event') return;
    Promise.resolve()
      .then(() => options.onEvent(message.event))
      .catch((error: unknown) => log(`s3: event handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  });
  child.on('error', (error) => log(`s3: emulator process: ${error.message}`));

  const endpoint = await new Promise<string>((resolve, reject) => {
    const onReady = (message: EmulatorMessage): void => {
      if (message.type !== 'ready') return;
      settle();
      resolve(message.endpoint);
    };
    const onError = (error: Error): void => fail(error.message);
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`its process exited (code ${code}, signal ${signal}) before it was ready`);
    const timer = setTimeout(() => fail(`not ready within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const settle = (): void => {
      clearTimeout(timer);
      child.off('message', onReady).off('error', onError).off('exit', onExit);
    };
    function fail(reason: string): void {
      settle();
      stopping = true;
      child.kill('SIGKILL');
      reject(new Error(`S3 emulator did not start: ${reason}${recentLines.length ? `\n${recentLines.join('\n')}` : ''}`));
    }
    child.on('message', onReady).once('error', onError).once('exit', onExit);
  });

  return {
    endpoint,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}
