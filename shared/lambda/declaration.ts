import type { z } from 'zod';
import type { Role } from '../identity/roles.ts';
import type { MachineScope } from '../identity/machine-scopes.ts';

/**
 * One declaration per function: name, entry, trigger and the resources it may touch.
 * The CDK stack and the local runtime both read these; nothing about a route or trigger is written twice.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequestSchemas {
  /** Path parameters, e.g. `{ id }` for `/records/{id}`. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Where the body is validated piecewise by the use case (a batch answering per item), the schema it validates each piece with, for the OpenAPI document. */
  documentedBody?: z.ZodType;
}

export interface HttpTrigger {
  type: 'http';
  method: HttpMethod;
  /** API Gateway route path, e.g. `/records/{id}`. Paths under `/public/` need no token. */
  path: string;
  /** Roles allowed; `public` routes must live under `/public/`. */
  access: { public: true } | { roles: readonly Role[] };
  summary: string;
  request?: HttpRequestSchemas;
  /** Schema of a successful response body, for the OpenAPI document. */
  response: { status: number; body: z.ZodType };
  /**
   * Also offered on the machine API (docs/machine-clients.md) to a department's system whose token holds any
   * one of these scopes: the same function, route and answer. Its roles must include `department`.
   */
  machine?: { scopes: readonly MachineScope[] };
  /**
   * `machine`: served on the machine API only, not the people's (the OAuth 2.0 token endpoint and the
   * issuer's metadata, public there). Default: the people's API.
   */
  api?: 'machine';
}

/** Whether a route is served on the machine API (docs/machine-clients.md): its own OAuth endpoints, and the routes offered to machines. */
export const onMachineApi = (t: HttpTrigger): boolean => t.api === 'machine' || t.machine !== undefined;
/** Whether a route is served on the people's API: every route but the machine API's own. */
export const onPeopleApi = (t: HttpTrigger): boolean => t.api !== 'machine';

export interface S3Trigger {
  type: 's3';
  /** Object-created events under this key prefix of the reports bucket. */
  prefix: string;
  suffix?: string;
}

export interface ScheduleTrigger {
  type: 'schedule';
  /** EventBridge Scheduler cron expression, run in the county's time zone: `cron(min hour dom month dow year)`. */
  cron: string;
  description: string;
  /**
   * When the local clock jumps over several occurrences: `each` runs every one (a daily job whose day matters), `latest`
   * only the last (a sweep that does all that is due whenever it runs). On AWS a schedule runs in real time: no jumps.
   */
  catchUp?: 'each' | 'latest';
}

export interface TaskTrigger {
  type: 'task';
  /** The state machine (by workflow id) and the state that invokes this function. */
  workflow: string;
  state: string;
}

export type Trigger = HttpTrigger | S3Trigger | ScheduleTrigger | TaskTrigger;

export type Access = 'read' | 'readWrite';

/** What the function may touch; the stack grants exactly this and sets the matching environment variables. */
export interface ResourceAccess {
  creditTable?: Access;
  usageTable?: Access;
  reportsBucket?: Access;
  /** Publish to the notices topic. */
  notices?: boolean;
  /**
   * Workflows it may start, answer (send task success/failure/heartbeat), inspect (describe its
   * executions) or stop (stop its executions).
   */
  workflows?: { workflow: string; actions: readonly WorkflowAction[] }[];
  /**
   * Resident ID numbers (shared/privacy/personal-ids.ts): `seal` stores numbers (KMS GenerateDataKey),
   * `open` shows them whole to who may see them (KMS Decrypt), `lookup` makes person keys (KMS
   * GenerateMac). Every route with a token has `lookup` without saying so: its caller may be a person.
   */
  personalData?: readonly PersonalDataAction[];
  /**
   * The machine API's token key (an ECC P-256 KMS key on AWS, a key in the data folder locally): `sign`
   * issues tokens (kms:Sign), `publish` answers its public key (kms:GetPublicKey); every one of them, and
   * `issuer` alone, knows the machine API's issuer URL (MACHINE_TOKEN_ISSUER).
   */
  machineTokens?: 'sign' | 'publish' | 'issuer';
}

export type PersonalDataAction = 'lookup' | 'seal' | 'open';
export type WorkflowAction = 'start' | 'answer' | 'inspect' | 'stop';

export interface FunctionDeclaration {
  /** kebab-case; also the folder under functions/ and the Powertools service name. */
  name: string;
  description: string;
  trigger: Trigger;
  resources: ResourceAccess;
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** What a function may do with resident ID numbers: its declared actions, and `lookup` for every route with a token. */
export function personalDataActions(declaration: FunctionDeclaration): PersonalDataAction[] {
  const actions = new Set(declaration.resources.personalData ?? []);
  if (declaration.trigger.type === 'http' && 'roles' in declaration.trigger.access) actions.add('lookup');
  return (['lookup', 'seal', 'open'] as const).filter((a) => actions.has(a));
}

/** Path of the handler module, relative to the project root. */
export const handlerEntry = (name: string): string => `functions/${name}/handler.ts`;

export const declare = <const T extends FunctionDeclaration>(declaration: T): T => declaration;

/**
 * The trigger of a declared function, typed by its name, over one capability's declarations: a handler
 * imports its own capability's `triggerOf`, never the whole catalog, so its bundle carries its capability only.
 */
export function triggersOf<const L extends readonly FunctionDeclaration[]>(declarations: L) {
  return <N extends L[number]['name']>(name: N): Extract<L[number], { name: N }>['trigger'] => {
    const declaration = declarations.find((d) => d.name === name);
    if (!declaration) throw new Error(`no function named "${name}" (known: ${declarations.map((d) => d.name).join(', ')})`);
    // The lookup is by the same name the type is narrowed by; TS cannot follow that through a generic index.
    return declaration.trigger as never;
  };
}
