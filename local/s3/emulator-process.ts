import { createSequencer, objectCreatedEvent } from './events.ts';
import { configFromEnv, type EmulatorMessage } from './emulator-protocol.ts';
import { startFront } from './front.ts';
import { startS3rverBackend } from './s3rver-backend.ts';

/**
 * The local S3 emulator, run as a child process (see start-s3-emulator.ts): s3rver on a private
 * loopback port behind the verifying front. Configured by S3_EMULATOR_* variables; reports
 * `ready` and every created object over IPC. Runs on its own too (`tsx`), printing the endpoint.
 * ListObjectsV2 pagination needs `--openssl-legacy-provider` (s3rver encrypts tokens with DES).
 */

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const send = (message: EmulatorMessage): void => {
  if (process.send && process.connected) process.send(message);
  else if (message.type === 'ready') process.stdout.write(`S3 emulator ready at ${message.endpoint}\n`);
};

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const sequencer = createSequencer();
  const backend = await startS3rverBackend({
    ...config,
    log,
    onObjectCreated: (object) =>
      send({
        type: 's3-event',
        event: objectCreatedEvent({ ...object, accessKeyId: config.accessKeyId, time: new Date(), sequencer: sequencer() }, config.region),
      }),
  });
  const front = await startFront({ ...config, upstreamPort: backend.port, log });

  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`s3: stopping (${reason})`);
    await front.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The parent went away: do not outlive it.
  process.on('disconnect', () => void stop('parent disconnected'));

  send({ type: 'ready', endpoint: `http://127.0.0.1:${front.port}` });
}

main().catch((error: unknown) => {
  log(`s3: emulator failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
