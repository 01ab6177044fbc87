import { randomBytes, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { functions } from '../functions/catalog.ts';
import { openApiDocument } from '../shared/http/openapi.ts';
import type { CountyConfig } from '../shared/config/county-config.ts';
import type { FunctionDeclaration } from '../shared/lambda/declaration.ts';
import { scheduledEventInput } from '../shared/lambda/schedule-expression.ts';
import type { Role } from '../shared/identity/roles.ts';
import { creditTable, reportsBucketCors, resourceEnv, tables, usageTable } from '../shared/storage/tables.ts';
import { clockOffsetEnv, now as platformNow } from '../shared/time/clock.ts';
import { verificationWorkflow } from '../shared/cases/workflows.ts';
import { ensureTables } from './dynamodb/create-tables.ts';
import { startDynamoDbLocal } from './dynamodb/start-dynamodb-local.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import type { DemoOrganisation } from './demo/demo-organisations.ts';
import { LocalFunctions } from './functions/local-functions.ts';
import { createApiServer, send } from './http/api-server.ts';
import { demoLogins, staticSite } from './http/static-site.ts';
import { demoSubjects } from './demo/demo-records.ts';
import { machineRoutesOf, routesOf } from './http/routes.ts';
import { localIssuerFor, type LocalIssuer } from './identity/local-issuer.ts';
import { machineTokenVerifier } from './identity/machine-issuer.ts';
import { stablePorts, startOnPort } from './ports.ts';
import { startS3Emulator } from './s3/start-s3-emulator.ts';
import { scheduledTimeOn, startLocalScheduler } from './schedules/local-scheduler.ts';
import { createSnsEndpoint } from './sns/sns-endpoint.ts';
import { createUpstreamReceiver, type UpstreamReceiver } from './exchange/upstream-receiver.ts';
import { demoDestinations } from './demo/demo-destinations.ts';
import { localTokenSigner } from '../shared/machine-clients/token-signer.ts';
import { startStepFunctions } from './workflows/start-step-functions.ts';
import { decodeS3Key } from '../shared/lambda/event-schemas.ts';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const localRegion = 'us-east-1';
const localCredentials = { accessKeyId: 'LOCALCREDITPLATFORM', secretAccessKey: 'local-secret-key-for-emulators-only' };

export interface LocalPlatformOptions {
  county: CountyConfig;
  /** Data folder of this county (emulator state, token key, journal, outbox). */
  dataDir: string;
  /** Port of the HTTP API; 0 picks a free one. */
  port: number;
  /**
   * Port of the machine API (departments' systems, OAuth 2.0 client credentials: docs/machine-clients.md), on
   * AWS an API of its own; 0 picks a free one. Default: `port` + 100 (3100 beside 3000), or 0 with `port` 0.
   */
  machinePort?: number;
  fresh?: boolean;
  demo?: boolean;
  /** Run the declared schedules on their cron expressions. */
  schedules?: boolean;
  /**
   * Start with the platform clock at this time (an ISO date-time with its offset, e.g.
   * `2026-12-26T09:00:00+08:00`). A new (or `fresh`) data folder starts on any day, earlier than the system
   * clock too; one that has run refuses a time earlier than its own: its clock only moves forward.
   */
  clock?: Date | string;
  /**
   * The API throttle of the local gateway: the county's (`api.throttle`, as the stage has it) unless given.
   * The bench gives limits above what it sends, so that it measures the platform, not the throttle.
   */
  throttle?: CountyConfig['api']['throttle'];
  /** Scales Step Functions Retry intervals (0: retry at once); see local/stepfunctions/README.md. Default 1. */
  retryTimeScale?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface LocalPlatform {
  apiUrl: string;
  /** The machine API: `POST /oauth2/token` and the routes offered to departments' systems. */
  machineApiUrl: string;
  endpoints: { dynamodb: string; s3: string; stepfunctions: string; sns: string; upstream: string };
  names: { creditTable: string; usageTable: string; reportsBucket: string; noticesTopicArn: string; workflowArns: Record<string, string> };
  outboxFile: string;
  issuer: LocalIssuer;
  demoOrganisations: DemoOrganisation[];
  token(role: Role, orgId: string): Promise<string>;
  /** Invokes a declared function now with an event (schedules: as on `date`). */
  invoke(name: string, options?: { date?: string; event?: unknown }): Promise<unknown>;
  /** The platform clock: time advanced, not slept. */
  clock: PlatformClock;
  /**
   * The upstream platforms' receiving endpoint (docs/exchange.md): every https destination's deliveries come here
   * (`EXCHANGE_ENDPOINT_URL`), are verified, recorded and de-duplicated; it can be told to fail and to recover.
   */
  upstream: UpstreamReceiver;
  /** Transient faults injected into functions, for tests of retries and error paths. */
  faults: {
    /** The next `times` invocations of function `name` throw an Error named `errorName` before the handler runs. */
    failNext(name: string, times: number, errorName?: string): void;
    /** Removes every injected fault. */
    clear(): void;
  };
  stop(): Promise<void>;
}

/**
 * The clock every handler of this process reads (shared/time/clock.ts: the system clock plus
 * `CLOCK_OFFSET_MS`), and the local Step Functions deadlines follow. It moves forward only; the offset is
 * kept in `<dataDir>/clock.json`, so a restart of the same data folder keeps the travelled time (and time
 * goes on from there at the normal pace). Not on it: the schedules (croner fires on real time: run one as
 * on a date with `invoke(name, { date })`), Wait states and Retry intervals, function timeouts.
 */
export interface PlatformClock {
  now(): Date;
  /**
   * Moves the clock `ms` milliseconds forward. Step Functions deadlines that have now passed fire at once;
   * what they set going (a Catch, its functions) is still running when this resolves: poll for its effects.
   */
  advance(ms: number): Promise<void>;
  /** Moves the clock to `at` (a Date, or an ISO date-time with its offset); an Error if that is earlier than now. */
  set(at: Date | string): Promise<void>;
}

/**
 * The local stand-in for the stack's KMS keys: 32 random bytes made once per data folder (mode 0600), so
 * person keys and sealed ID numbers stay readable across restarts of the same folder, and a fresh
 * folder has a fresh key.
 */
function localPersonalDataKey(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * A whole county platform on one machine: DynamoDB Local and the S3 emulator as child processes,
 * a local Step Functions service running the synthesised definitions, a local SNS outbox, the HTTP
 * API, the scheduler, and the real handlers wired to them through the SDK's endpoint variables.
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  // With the demo, a county that names no upstream yet delivers to two demo destinations on this machine.
  const county = options.demo !== false && options.county.exchange.destinations.length === 0 ? demoDestinations(options.county) : options.county;
  const log = options.log ?? ((entry) => process.stdout.write(JSON.stringify(entry) + '\n'));
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
  };

  try {
    // The travelled time first: everything after this (the journal's deadlines, demo data) is on it.
    const travel = travellingClock(join(options.dataDir, 'clock.json'), options.clock === undefined ? undefined : instant(options.clock));
    stops.push(() => void delete process.env[clockOffsetEnv]);

    const names = {
      creditTable: `${county.id}-${creditTable.id}`,
      usageTable: `${county.id}-${usageTable.id}`,
      reportsBucket: `${county.id}-reports`,
      noticesTopicArn: `arn:aws:sns:${localRegion}:000000000000:${county.id}-notices`,
      workflowArns: { [verificationWorkflow.id]: `arn:aws:states:${localRegion}:000000000000:stateMachine:${county.id}-${verificationWorkflow.id}` },
    };

    const portsFile = join(options.dataDir, 'ports.json');
    const ports = await stablePorts(portsFile, ['dynamodb', 's3', 'stepfunctions', 'sns', 'upstream']);
    const dynamodb = await startOnPort(ports, 'dynamodb', portsFile, (port) =>
      startDynamoDbLocal({ port, dataDir: join(options.dataDir, 'dynamodb'), log: (line) => log({ level: 'DEBUG', message: line }) }),
    );
    stops.push(() => dynamodb.stop());

    const functionsLocal = new LocalFunctions(projectRoot, functions, localRegion);
    const s3 = await startOnPort(ports, 's3', portsFile, (port) => startS3Emulator({
      port,
      dataDir: join(options.dataDir, 's3'),
      ...localCredentials,
      region: localRegion,
      buckets: [names.reportsBucket],
      // Versioning is on for the reports bucket, as on AWS (infra/stack/storage.ts): reports are pinned to the version verified.
      versionedBuckets: [names.reportsBucket],
      // The reports bucket's CORS rule, as on AWS (one constant for both): browsers upload with presigned POSTs from the site's origin.
      cors: [{ ...reportsBucketCors, allowedMethods: [...reportsBucketCors.allowedMethods], allowedOrigins: [...reportsBucketCors.allowedOrigins], allowedHeaders: [...reportsBucketCors.allowedHeaders], exposedHeaders: [...reportsBucketCors.exposedHeaders] }],
      // The emulator runs in its own process on the system clock: its events are stamped here, on the
      // platform clock, as S3 stamps them on its own (a report issued "today" on a travelled clock is not in the future).
      onEvent: (event) => deliverS3Event(functions, functionsLocal, { ...event, Records: event.Records.map((r) => ({ ...r, eventTime: platformNow().toISOString() })) }, log),
      log: (line) => log({ level: 'DEBUG', message: `[s3] ${line}` }),
    }));
    stops.push(() => s3.stop());

    const outboxFile = join(options.dataDir, 'outbox', 'notices.jsonl');
    const snsServer = createSnsEndpoint(outboxFile, (m) => log({ level: 'INFO', message: 'notice published', subject: m.subject }));
    const snsEndpoint = await startOnPort(ports, 'sns', portsFile, (port) => listen(snsServer, port));
    stops.push(() => close(snsServer));

    // The receiving endpoint verifies with the machine API's key (its JWKS), as an upstream would.
    let upstreamJwks: Promise<{ keys: JsonWebKey[] }> | undefined;
    const upstream = createUpstreamReceiver(join(options.dataDir, 'upstream'), () => (upstreamJwks ??= localTokenSigner(JSON.parse(process.env[resourceEnv.machineTokenLocalKey]!) as JsonWebKey).publicJwk().then((k) => ({ keys: [k] }))), () => platformNow());
    const upstreamEndpoint = await startOnPort(ports, 'upstream', portsFile, (port) => listen(upstream.server, port));
    stops.push(() => close(upstream.server));

    Object.assign(process.env, {
      [resourceEnv.exchangeEndpoint]: upstreamEndpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SNS: snsEndpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      [creditTable.envVar]: names.creditTable,
      [usageTable.envVar]: names.usageTable,
      [resourceEnv.reportsBucket]: names.reportsBucket,
      [resourceEnv.noticesTopic]: names.noticesTopicArn,
      [resourceEnv.workflowArn(verificationWorkflow.id)]: names.workflowArns[verificationWorkflow.id],
      [resourceEnv.personalDataLocalKey]: localPersonalDataKey(join(options.dataDir, 'personal-data-key')),
      COUNTY_CONFIG: JSON.stringify(county),
      COUNTY_ID: county.id,
      POWERTOOLS_SERVICE_NAME: `credit-platform-${county.id}`,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    });

    const stepFunctions = await startOnPort(ports, 'stepfunctions', portsFile, (port) => startStepFunctions({
      county,
      region: localRegion,
      journalDir: join(options.dataDir, 'stepfunctions'),
      port,
      stateMachineArns: names.workflowArns,
      invokeFunction: (name, payload) => functionsLocal.invoke(name, payload),
      now: () => platformNow().getTime(),
      retryTimeScale: options.retryTimeScale,
    }));
    stops.push(() => stepFunctions.stop());
    process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.endpoint;

    const dynamoClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: localRegion, credentials: localCredentials });
    stops.push(() => dynamoClient.destroy());
    await ensureTables(dynamoClient, [
      { table: tables[0], name: names.creditTable },
      { table: tables[1], name: names.usageTable },
    ]);

    const issuer = await localIssuerFor(county.id, join(options.dataDir, 'jwt-key.json'));
    // The machine API's issuer is its own URL, known once it listens (before any request can reach it).
    let machineApiUrl = '';
    const machineTokens = machineTokenVerifier(join(options.dataDir, 'machine-token-key.json'), () => machineApiUrl, county.id, platformNow);
    process.env[resourceEnv.machineTokenLocalKey] = JSON.stringify(machineTokens.privateJwk);
    const invoke = async (name: string, invokeOptions: { date?: string; event?: unknown } = {}) => {
      const declaration = functionsLocal.declaration(name);
      const event =
        invokeOptions.event ??
        (declaration.trigger.type === 'schedule'
          ? scheduledEventInput(name, invokeOptions.date ? scheduledTimeOn(invokeOptions.date, declaration.trigger.cron) : platformNow().toISOString())
          : undefined);
      if (event === undefined) throw new Error(`${name} is triggered by ${declaration.trigger.type}: give an event`);
      return functionsLocal.invoke(name, event);
    };

    const moved = async () => {
      stepFunctions.service.clockChanged();
      await new Promise((resolve) => setImmediate(resolve)); // the timeouts it fired have started
    };
    // With the schedules on, a jump runs every occurrence it skipped, in order, the clock stepped to each first.
    let scheduler: ReturnType<typeof startLocalScheduler> | undefined;
    // `relative`: `at` was computed from the clock a moment ago (advance by ms), so time that passed since is
    // no move backwards; an instant set outright before now is refused.
    const moveTo = async (at: number, relative = false) => {
      if (!relative && at < platformNow().getTime()) travel.moveTo(at); // refused: forward only
      await scheduler?.catchUp(at, async (step) => {
        if (step.getTime() > platformNow().getTime()) travel.moveTo(step.getTime());
        await moved();
      });
      travel.moveTo(Math.max(at, platformNow().getTime()));
      await moved();
    };
    const clock: PlatformClock = {
      now: platformNow,
      advance: async (ms) => {
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`the clock advances by a number of milliseconds ≥ 0, not ${String(ms)}`);
        await moveTo(platformNow().getTime() + ms, true);
      },
      set: async (at) => {
        await moveTo(instant(at));
      },
    };

    const openApi = openApiDocument(functions, { title: `${county.siteName} API (local)`, version: '0.1.0' });
    const machineOpenApi = openApiDocument(functions, { title: `${county.siteName} machine API (local)`, version: '0.1.0', api: 'machine' });
    // The website and its dev sign-in (local only); it offers the demo organisations once they are loaded.
    let logins: ReturnType<typeof demoLogins> = [];
    const website = staticSite({ county, issuer, logins: () => logins });
    const api = createApiServer({
      routes: routesOf(functions),
      throttle: options.throttle ?? county.api.throttle,
      functions: functionsLocal,
      issuer,
      log,
      extra: async (request, url, body, response) => {
        if (request.method === 'GET' && url.pathname === '/openapi.json') return send(response, 200, openApi), true;
        if (await website(request, url, body, response)) return true;
        const invokeMatch = /^\/_local\/invoke\/([a-z0-9-]+)$/.exec(url.pathname);
        if (request.method === 'POST' && invokeMatch) {
          try {
            const input = body.length ? (JSON.parse(body.toString('utf8')) as { date?: string; event?: unknown }) : {};
            send(response, 200, { result: await invoke(invokeMatch[1]!, input) });
          } catch (error) {
            send(response, 400, { error: { code: 'INVOKE_FAILED', message: (error as Error).message } });
          }
          return true;
        }
        if (url.pathname === '/_local/clock') {
          if (request.method === 'GET') return send(response, 200, { now: clock.now().toISOString() }), true;
          if (request.method !== 'POST') return send(response, 405, { message: 'Method Not Allowed' }, { allow: 'GET, POST' }), true;
          try {
            const input = ((body.length ? JSON.parse(body.toString('utf8')) : null) ?? {}) as { advance?: unknown; set?: unknown };
            if ((input.advance === undefined) === (input.set === undefined)) throw new Error('give either "advance" (an ISO 8601 duration such as "P20D", or milliseconds) or "set" (an ISO date-time)');
            if (input.set !== undefined) {
              if (typeof input.set !== 'string') throw new Error('"set" is an ISO date-time with its offset, e.g. "2026-12-26T09:00:00+08:00"');
              await clock.set(input.set);
            } else await clock.advance(typeof input.advance === 'string' ? durationMs(input.advance) : (input.advance as number));
            send(response, 200, { now: clock.now().toISOString() });
          } catch (error) {
            send(response, 400, { error: { code: 'CLOCK_REFUSED', message: (error as Error).message } });
          }
          return true;
        }
        return false;
      },
    });
    const apiUrl = await listen(api, options.port);
    stops.push(() => close(api));

    const machineApi = createApiServer({
      routes: machineRoutesOf(functions),
      throttle: options.throttle ?? county.api.throttle,
      functions: functionsLocal,
      issuer: machineTokens,
      scopesOf: (route) => route.trigger.machine?.scopes,
      log,
      extra: async (request, url, _body, response) => {
        if (request.method === 'GET' && url.pathname === '/openapi.json') return send(response, 200, machineOpenApi), true;
        return false;
      },
    });
    machineApiUrl = await listen(machineApi, options.machinePort ?? (options.port === 0 ? 0 : options.port + 100));
    process.env[resourceEnv.machineTokenIssuer] = machineApiUrl;
    stops.push(() => close(machineApi));

    if (options.schedules) {
      const started = startLocalScheduler({ declarations: functions, timeZone: county.timeZone, invoke: (n, e) => functionsLocal.invoke(n, e), log, now: () => platformNow().getTime(), since: travel.skippedFrom });
      scheduler = started;
      stops.push(() => started.stop());
    }

    const documentClient = DynamoDBDocumentClient.from(dynamoClient);
    const s3Client = new S3Client({ endpoint: s3.endpoint, region: localRegion, credentials: localCredentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    stops.push(() => s3Client.destroy());
    const demo =
      options.demo === false
        ? { organisations: [], records: 0 }
        : await loadDemoData({
            county,
            apiUrl,
            token: (role, orgId) => issuer.sign({ role, orgId, county: county.id }),
            dynamo: documentClient,
            creditTableName: names.creditTable,
            s3: s3Client,
            bucket: names.reportsBucket,
          });
    const demoOrganisations = demo.organisations;
    if (options.demo !== false) logins = demoLogins(demoOrganisations, demoSubjects(county));

    const runtimeFile = join(options.dataDir, 'runtime.json');
    writeFileSync(runtimeFile, JSON.stringify({ apiUrl, machineApiUrl, pid: process.pid, county: county.id }));
    stops.unshift(() => rmSync(runtimeFile, { force: true }));

    return {
      apiUrl,
      machineApiUrl,
      endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, stepfunctions: stepFunctions.endpoint, sns: snsEndpoint, upstream: upstreamEndpoint },
      upstream,
      names,
      outboxFile,
      issuer,
      demoOrganisations,
      token: (role, orgId) => issuer.sign({ role, orgId, county: county.id }),
      invoke,
      clock,
      faults: {
        failNext: (name, times, errorName) => functionsLocal.failNext(name, times, errorName),
        clear: () => functionsLocal.clearFaults(),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The offset of the platform clock, from `file` (moved to `startAt` if given) into `CLOCK_OFFSET_MS`, and
 * moved forward only: each move is written back to the file (atomically) before it takes effect. Nothing
 * is changed when `startAt` is refused.
 */
function travellingClock(file: string, startAt?: number) {
  let offsetMs = 0;
  // A data folder that has run keeps its time and only moves it forward; a new one may start on any day,
  // before the system clock too (tests run the platform at a matrix of dates, a newcomer may try last July).
  const kept = existsSync(file);
  if (kept) {
    const stored = (() => {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
      } catch {
        return undefined;
      }
    })();
    if (typeof stored !== 'number' || !Number.isFinite(stored)) throw new Error(`${file}: "offsetMs" must be a number of milliseconds (delete the file to return to the system clock)`);
    offsetMs = stored;
  }
  const write = (at: number): void => {
    offsetMs = at - Date.now();
    const record = { offsetMs, movedTo: new Date(at).toISOString(), note: 'platform clock = system clock + offsetMs (local/platform.ts)' };
    writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 1));
    renameSync(`${file}.tmp`, file);
    process.env[clockOffsetEnv] = String(offsetMs);
  };
  const inRange = (at: number): void => {
    if (Number.isNaN(new Date(at).getTime())) throw new Error(`the platform clock cannot go beyond the range of dates (${at} ms)`);
  };
  const moveTo = (at: number): void => {
    inRange(at);
    const current = Date.now() + offsetMs;
    if (at < current) {
      throw new Error(`the platform clock moves forward only: it is ${new Date(current).toISOString()}, not going back to ${new Date(at).toISOString()} (--fresh starts a new data folder on any day)`);
    }
    write(at);
  };
  // Where a kept clock was moved forward at start, the time it skipped (its schedules are run once the platform is up).
  let skippedFrom: number | undefined;
  if (startAt !== undefined) {
    if (kept) (skippedFrom = Date.now() + offsetMs), moveTo(startAt);
    else (inRange(startAt), write(startAt));
  } else process.env[clockOffsetEnv] = String(offsetMs);
  return { moveTo, skippedFrom };
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** An instant from a Date or an ISO date-time that says its offset (a bare date or local time would be ambiguous). */
function instant(at: Date | string): number {
  const ms = at instanceof Date ? at.getTime() : isoDateTime.test(at) ? Date.parse(at) : NaN;
  if (Number.isNaN(ms)) throw new Error(`not an ISO date-time with its offset (e.g. 2026-12-26T09:00:00+08:00): ${String(at)}`);
  return ms;
}

const isoDuration = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration in weeks, days, hours, minutes and seconds (a day is 24 h; months and years vary, so are refused). */
export function durationMs(duration: string): number {
  const parts = isoDuration.exec(duration.toUpperCase());
  if (!parts || !/\d/.test(duration) || /T$/i.test(duration)) {
    throw new Error(`not an ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. "P20D", "PT36H", "P1DT2H"): ${JSON.stringify(duration)}`);
  }
  const [, w, d, h, m, sec] = parts.map((p) => (p === undefined ? 0 : Number(p.replace(',', '.'))));
  return Math.round(((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + sec!) * 1000);
}

/** S3 sends each object-created event to the notifications whose prefix and suffix match the (decoded) key. */
async function deliverS3Event(
  declarations: readonly FunctionDeclaration[],
  functionsLocal: LocalFunctions,
  event: { Records: { s3: { object: { key: string } } }[] },
  log: (entry: Record<string, unknown>) => void,
) {
  for (const record of event.Records) {
    const key = decodeS3Key(record.s3.object.key);
    for (const d of declarations) {
      if (d.trigger.type !== 's3' || !key.startsWith(d.trigger.prefix) || !key.endsWith(d.trigger.suffix ?? '')) continue;
      // S3 invokes asynchronously and retries a failed invocation twice.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          await functionsLocal.invoke(d.name, { Records: [record] });
          break;
        } catch (error) {
          log({ level: 'ERROR', message: 'S3 event handler failed', function: d.name, attempt, error: (error as Error).message });
        }
      }
    }
  }
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
