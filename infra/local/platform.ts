import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { functions } from '../../functions/catalog.ts';
import { openApiDocument } from '../../shared/api/openapi.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { FunctionDeclaration } from '../../shared/functions/declaration.ts';
import { scheduledEventInput } from '../../shared/functions/schedule-expression.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { creditTable, resourceEnv, tables, usageTable } from '../../shared/storage/tables.ts';
import { verificationWorkflow } from '../../shared/workflows/workflows.ts';
import { ensureTables } from './dynamodb/create-tables.ts';
import { startDynamoDbLocal } from './dynamodb/start-dynamodb-local.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import type { DemoOrganisation } from './demo/demo-organisations.ts';
import { LocalFunctions } from './functions/local-functions.ts';
import { createApiServer, send } from './http/api-server.ts';
import { routesOf } from './http/routes.ts';
import { localIssuerFor, type LocalIssuer } from './identity/local-issuer.ts';
import { stablePorts } from './ports.ts';
import { startS3Emulator } from './s3/start-s3-emulator.ts';
import { scheduledTimeOn, startLocalScheduler } from './schedules/local-scheduler.ts';
import { createSnsEndpoint } from './sns/sns-endpoint.ts';
import { startStepFunctions } from './workflows/start-step-functions.ts';
import { decodeS3Key } from '../../shared/lambda/event-schemas.ts';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const localRegion = 'us-east-1';
const localCredentials = { accessKeyId: 'LOCALCREDITPLATFORM', secretAccessKey: 'local-secret-key-for-emulators-only' };

export interface LocalPlatformOptions {
  county: CountyConfig;
  /** Data folder of this county (emulator state, token key, journal, outbox). */
  dataDir: string;
  /** Port of the HTTP API; 0 picks a free one. */
  port: number;
  fresh?: boolean;
  demo?: boolean;
  /** Run the declared schedules on their cron expressions. */
  schedules?: boolean;
  log?: (entry: Record<string, unknown>) => void;
}

export interface LocalPlatform {
  apiUrl: string;
  endpoints: { dynamodb: string; s3: string; stepfunctions: string; sns: string };
  names: { creditTable: string; usageTable: string; reportsBucket: string; noticesTopicArn: string; workflowArns: Record<string, string> };
  outboxFile: string;
  issuer: LocalIssuer;
  demoOrganisations: DemoOrganisation[];
  token(role: Role, orgId: string): Promise<string>;
  /** Invokes a declared function now with an event (schedules: as on `date`). */
  invoke(name: string, options?: { date?: string; event?: unknown }): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * A whole county platform on one machine: DynamoDB Local and the S3 emulator as child processes,
 * a local Step Functions service running the synthesised definitions, a local SNS outbox, the HTTP
 * API, the scheduler, and the real handlers wired to them through the SDK's endpoint variables.
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { county } = options;
  const log = options.log ?? ((entry) => process.stdout.write(JSON.stringify(entry) + '\n'));
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
  };

  try {
    const names = {
      creditTable: `${county.id}-${creditTable.id}`,
      usageTable: `${county.id}-${usageTable.id}`,
      reportsBucket: `${county.id}-reports`,
      noticesTopicArn: `arn:aws:sns:${localRegion}:000000000000:${county.id}-notices`,
      workflowArns: { [verificationWorkflow.id]: `arn:aws:states:${localRegion}:000000000000:stateMachine:${county.id}-${verificationWorkflow.id}` },
    };

    const ports = await stablePorts(join(options.dataDir, 'ports.json'), ['dynamodb', 's3', 'stepfunctions', 'sns']);
    const dynamodb = await startDynamoDbLocal({ port: ports.dynamodb, dataDir: join(options.dataDir, 'dynamodb'), log: (line) => log({ level: 'DEBUG', message: line }) });
    stops.push(() => dynamodb.stop());

    const functionsLocal = new LocalFunctions(projectRoot, functions, localRegion);
    const s3 = await startS3Emulator({
      port: ports.s3,
      dataDir: join(options.dataDir, 's3'),
      ...localCredentials,
      region: localRegion,
      buckets: [names.reportsBucket],
      onEvent: (event) => deliverS3Event(functions, functionsLocal, event, log),
      log: (line) => log({ level: 'DEBUG', message: `[s3] ${line}` }),
    });
    stops.push(() => s3.stop());

    const outboxFile = join(options.dataDir, 'outbox', 'notices.jsonl');
    const snsServer = createSnsEndpoint(outboxFile, (m) => log({ level: 'INFO', message: 'notice published', subject: m.subject }));
    const snsEndpoint = await listen(snsServer, ports.sns);
    stops.push(() => close(snsServer));

    Object.assign(process.env, {
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
      COUNTY_CONFIG: JSON.stringify(county),
      COUNTY_ID: county.id,
      POWERTOOLS_SERVICE_NAME: `credit-platform-${county.id}`,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    });

    const stepFunctions = await startStepFunctions({
      county,
      region: localRegion,
      journalDir: join(options.dataDir, 'stepfunctions'),
      port: ports.stepfunctions,
      stateMachineArns: names.workflowArns,
      invokeFunction: (name, payload) => functionsLocal.invoke(name, payload),
    });
    stops.push(() => stepFunctions.stop());
    process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.endpoint;

    const dynamoClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: localRegion, credentials: localCredentials });
    stops.push(() => dynamoClient.destroy());
    await ensureTables(dynamoClient, [
      { table: tables[0], name: names.creditTable },
      { table: tables[1], name: names.usageTable },
    ]);

    const issuer = await localIssuerFor(county.id, join(options.dataDir, 'jwt-key.json'));
    const invoke = async (name: string, invokeOptions: { date?: string; event?: unknown } = {}) => {
      const declaration = functionsLocal.declaration(name);
      const event =
        invokeOptions.event ??
        (declaration.trigger.type === 'schedule'
          ? scheduledEventInput(name, invokeOptions.date ? scheduledTimeOn(invokeOptions.date, declaration.trigger.cron) : new Date().toISOString())
          : undefined);
      if (event === undefined) throw new Error(`${name} is triggered by ${declaration.trigger.type}: give an event`);
      return functionsLocal.invoke(name, event);
    };

    const openApi = openApiDocument(functions, { title: `${county.siteName} API (local)`, version: '0.1.0' });
    const api = createApiServer({
      routes: routesOf(functions),
      functions: functionsLocal,
      issuer,
      log,
      extra: async (request, url, body, response) => {
        if (request.method === 'GET' && url.pathname === '/openapi.json') return send(response, 200, openApi), true;
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
        return false;
      },
    });
    const apiUrl = await listen(api, options.port);
    stops.push(() => close(api));

    if (options.schedules) {
      const scheduler = startLocalScheduler({ declarations: functions, timeZone: county.timeZone, invoke: (n, e) => functionsLocal.invoke(n, e), log });
      stops.push(() => scheduler.stop());
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

    const runtimeFile = join(options.dataDir, 'runtime.json');
    writeFileSync(runtimeFile, JSON.stringify({ apiUrl, pid: process.pid, county: county.id }));
    stops.unshift(() => rmSync(runtimeFile, { force: true }));

    return {
      apiUrl,
      endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, stepfunctions: stepFunctions.endpoint, sns: snsEndpoint },
      names,
      outboxFile,
      issuer,
      demoOrganisations,
      token: (role, orgId) => issuer.sign({ role, orgId, county: county.id }),
      invoke,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
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
