import { loadCounty } from '../shared/config/load-counties.ts';
import { roles } from '../shared/identity/roles.ts';
import { countyDataDir, defaultCounty, defaultDataRoot, parseCli } from './cli/args.ts';
import { startLocalPlatform } from './platform.ts';
import { demoMachineClient } from './demo/demo-machine-client.ts';
import { ensurePrerequisites } from './prerequisites.ts';

const usage = `npm start -- [--county jiaxian] [--port 3000] [--machine-port 3100] [--data .data] [--fresh] [--no-demo] [--quiet]
                [--clock 2026-12-26T09:00:00+08:00]

Starts a whole county platform on this machine: DynamoDB Local, the S3 emulator, local Step Functions
and SNS, the HTTP API on http://localhost:<port>, the machine API (departments' systems, OAuth 2.0 client
credentials) on --machine-port (default <port>+100), the declared schedules, and demo data.
--clock moves the platform clock forward to that time before anything runs (kept in the data folder;
it never goes back: --fresh returns to the system clock). Move it later with POST /_local/clock.`;

const { values } = parseCli(
  {
    county: { type: 'string', default: defaultCounty },
    port: { type: 'string', default: '3000' },
    'machine-port': { type: 'string' },
    data: { type: 'string', default: defaultDataRoot },
    fresh: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    clock: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  usage,
);
if (values.help) {
  console.log(usage);
  process.exit(0);
}

let county;
try {
  county = loadCounty(String(values.county));
} catch (error) {
  console.error(`County configuration refused: ${(error as Error).message}`);
  process.exit(1);
}

// Java before anything else: without it DynamoDB Local cannot start, and the synth before it takes seconds.
try {
  ensurePrerequisites(['java']);
} catch (error) {
  console.error(`Cannot start the local platform: ${(error as Error).message}`);
  process.exit(1);
}

const quiet = Boolean(values.quiet);
const platform = await startLocalPlatform({
  county,
  dataDir: countyDataDir(String(values.data), county.id),
  port: Number(values.port),
  ...(values['machine-port'] !== undefined ? { machinePort: Number(values['machine-port']) } : {}),
  fresh: Boolean(values.fresh),
  demo: !values['no-demo'],
  schedules: true,
  ...(values.clock !== undefined ? { clock: String(values.clock) } : {}),
  log: (entry) => {
    if (quiet && entry.level !== 'ERROR') return;
    if (entry.level === 'DEBUG' && !process.env.DEBUG) return;
    process.stdout.write(JSON.stringify(entry) + '\n');
  },
}).catch((error: Error) => {
  console.error(`Local platform failed to start: ${error.message}`);
  process.exit(1);
});

const tokens = await Promise.all(
  roles.map(async (role) => {
    const org = platform.demoOrganisations.find((o) => o.role === role);
    const orgId = org?.orgId ?? `demo-${role}`;
    return { role, orgId, name: org?.name ?? '', token: await platform.token(role, orgId) };
  }),
);

console.log(`
${county.siteName} — local platform (${county.name}, ${county.id}) is up.

  Website      ${platform.apiUrl.replace('127.0.0.1', 'localhost')}/   (console: /#/login, dev sign-in as any demo organisation)
  API          ${platform.apiUrl.replace('127.0.0.1', 'localhost')}
  OpenAPI      ${platform.apiUrl}/openapi.json
  Machine API  ${platform.machineApiUrl}   (departments' systems: POST /oauth2/token, docs/machine-clients.md; ${platform.machineApiUrl}/openapi.json)
  Public       curl ${platform.apiUrl}/public/county
  DynamoDB     ${platform.endpoints.dynamodb}   tables ${platform.names.creditTable}, ${platform.names.usageTable}
  S3           ${platform.endpoints.s3}   bucket ${platform.names.reportsBucket}
  StepFuncs    ${platform.endpoints.stepfunctions}
  SNS outbox   ${platform.outboxFile}
  Upstream     ${platform.endpoints.upstream}/<destination>   (the city and provincial platforms' receiving endpoint: deliveries every minute, docs/exchange.md)
  Clock        ${platform.clock.now().toISOString()}${Math.abs(platform.clock.now().getTime() - Date.now()) > 1000 ? ' (moved forward)' : ''}   curl ${platform.apiUrl}/_local/clock -d '{"advance":"P20D"}'

Dev tokens (12 h; more with: npm run token -- --role department --org <id>):
${tokens.map((t) => `  ${t.role.padEnd(13)} ${t.orgId.padEnd(20)} ${t.name}\n    ${t.token}`).join('\n')}

Try:  TOKEN=$(npm run -s token -- --role department --org dept-finance)
      curl -H "Authorization: Bearer $TOKEN" ${platform.apiUrl}/me
A department's system (machine API, OAuth 2.0 client credentials; the demo client of dept-finance):
      TOKEN=$(curl -s -u ${demoMachineClient.clientId}:${demoMachineClient.clientSecret} -d grant_type=client_credentials ${platform.machineApiUrl}/oauth2/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
      curl -H "Authorization: Bearer $TOKEN" -H 'Idempotency-Key: tender-1' -H 'content-type: application/json' ${platform.machineApiUrl}/checks/batch \\
        -d '{"matter":{"type":"bidding","reference":"ZB-1","name":"招标"},"subjects":[{"subjectId":"91410425MA45E8TH52"}]}'
Run a schedule now:  npm run invoke -- check-calendar --date 2026-12-26
Ctrl-C stops everything; data stays in ${countyDataDir(String(values.data), county.id)} (--fresh starts empty).
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
