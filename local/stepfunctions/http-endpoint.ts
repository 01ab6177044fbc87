/**
 * The Step Functions wire API (AWS JSON 1.0: `POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`) in front
 * of a LocalStepFunctions, so that `@aws-sdk/client-sfn` works unchanged against it
 * (`AWS_ENDPOINT_URL_SFN`, or `endpoint` in the client config).
 *
 * Requests must carry an Authorization header, but SigV4 signatures are NOT verified: this is a local
 * emulator, and any credentials are accepted.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { StepFunctionsError, type ExecutionDescription, type ExecutionStatus, type LocalStepFunctions } from './local-step-functions.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';
/** The namespace Step Functions itself puts in `__type`; the SDK keeps the part after `#` as `error.name`. */
const ERROR_NAMESPACE = 'com.amazonaws.swf.service.v2.model';
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

type Operation = (service: LocalStepFunctions, input: Record<string, unknown>) => unknown;

const operations: Record<string, Operation> = {
  StartExecution: (service, input) => {
    const started = service.startExecution({
      stateMachineArn: requiredString(input, 'stateMachineArn'),
      ...(input.name !== undefined ? { name: requiredString(input, 'name') } : {}),
      ...(input.input !== undefined ? { input: requiredString(input, 'input') } : {}),
    });
    return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
  },
  DescribeExecution: (service, input) => {
    const execution = service.describeExecution(requiredString(input, 'executionArn'));
    return {
      ...summary(execution),
      input: execution.input,
      inputDetails: { included: true },
      ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
      ...(execution.error !== undefined ? { error: execution.error } : {}),
      ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    };
  },
  StopExecution: (service, input) => {
    const { stopDate } = service.stopExecution(requiredString(input, 'executionArn'), {
      ...(typeof input.error === 'string' ? { error: input.error } : {}),
      ...(typeof input.cause === 'string' ? { cause: input.cause } : {}),
    });
    return { stopDate: epochSeconds(stopDate) };
  },
  ListExecutions: (service, input) => {
    const statusFilter = input.statusFilter;
    if (statusFilter !== undefined && !STATUSES.includes(statusFilter as ExecutionStatus)) {
      throw new StepFunctionsError('ValidationException', `Invalid statusFilter: '${String(statusFilter)}'`);
    }
    const all = service.listExecutions({
      stateMachineArn: requiredString(input, 'stateMachineArn'),
      ...(statusFilter ? { statusFilter: statusFilter as ExecutionStatus } : {}),
    });
    const maxResults = typeof input.maxResults === 'number' && input.maxResults > 0 ? Math.min(input.maxResults, 1000) : 100;
    const offset = typeof input.nextToken === 'string' ? Number.parseInt(Buffer.from(input.nextToken, 'base64url').toString(), 10) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new StepFunctionsError('InvalidToken', 'Invalid nextToken');
    const page = all.slice(offset, offset + maxResults);
    const next = offset + maxResults < all.length ? Buffer.from(String(offset + maxResults)).toString('base64url') : undefined;
    return { executions: page.map(summary), ...(next ? { nextToken: next } : {}) };
  },
  ListStateMachines: (service) => ({
    stateMachines: service.listStateMachines().map(({ name, arn }) => ({
      stateMachineArn: arn,
      name,
      type: 'STANDARD',
      creationDate: 0,
    })),
  }),
  DescribeStateMachine: (service, input) => {
    const arn = requiredString(input, 'stateMachineArn');
    const machine = service.listStateMachines().find((m) => m.arn === arn);
    if (!machine) throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: `arn:aws:iam::${arn.split(':')[4]}:role/local-step-functions`,
      type: 'STANDARD',
      creationDate: 0,
    };
  },
  SendTaskSuccess: (service, input) => {
    service.sendTaskSuccess(requiredString(input, 'taskToken'), requiredString(input, 'output'));
    return {};
  },
  SendTaskFailure: (service, input) => {
    service.sendTaskFailure(
      requiredString(input, 'taskToken'),
      typeof input.error === 'string' ? input.error : undefined,
      typeof input.cause === 'string' ? input.cause : undefined,
    );
    return {};
  },
  SendTaskHeartbeat: (service, input) => {
    service.sendTaskHeartbeat(requiredString(input, 'taskToken'));
    return {};
  },
};

/** A Node request listener serving the Step Functions operations above. */
export function createStepFunctionsRequestHandler(service: LocalStepFunctions): RequestListener {
  return (request, response) => {
    readBody(request).then(
      (body) => respond(service, request, body, response),
      () => sendError(response, 400, 'SerializationException', 'Could not read the request body'),
    );
  };
}

/** Serves `service` on `host:port` (port 0 picks a free one). */
export async function startStepFunctionsEndpoint(options: {
  service: LocalStepFunctions;
  port?: number;
  host?: string;
}): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createStepFunctionsRequestHandler(options.service));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function respond(service: LocalStepFunctions, request: IncomingMessage, body: string, response: ServerResponse): void {
  if (request.method !== 'POST') return sendError(response, 405, 'UnknownOperationException', 'Only POST is served');
  if (!request.headers.authorization) {
    return sendError(response, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? operations[target.slice(TARGET_PREFIX.length)] : undefined;
  if (!operation) return sendError(response, 400, 'UnknownOperationException', `Unknown operation: '${target}'`);
  let input: unknown;
  try {
    input = body.length ? JSON.parse(body) : {};
  } catch {
    return sendError(response, 400, 'SerializationException', 'The request body is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return sendError(response, 400, 'SerializationException', 'The request body is not a JSON object');
  }
  try {
    const output = operation(service, input as Record<string, unknown>);
    send(response, 200, output);
  } catch (error) {
    if (error instanceof StepFunctionsError) return sendError(response, 400, error.code, error.message);
    sendError(response, 500, 'InternalFailure', (error as Error).message ?? String(error));
  }
}

function summary(execution: ExecutionDescription): Record<string, unknown> {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
  };
}

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string') {
    throw new StepFunctionsError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** Timestamps of the JSON protocol: epoch seconds, fractional. */
function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, { __type: `${ERROR_NAMESPACE}#${code}`, message });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
