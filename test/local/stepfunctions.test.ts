/**
 * The local Step Functions service driven as AWS would be: a CDK-built state machine, resolved from the
 * synthesised template, run behind the JSON 1.0 endpoint and driven by the real SFNClient.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import {
  findStateMachinesByTag,
  lambdaServiceNames,
  resolveStateMachineDefinition,
  type CloudFormationTemplate,
} from '../../local/stepfunctions/resolve-definition.ts';
import { LocalStepFunctions } from '../../local/stepfunctions/local-step-functions.ts';
import { startStepFunctionsEndpoint } from '../../local/stepfunctions/http-endpoint.ts';

const region = 'us-east-1';
/** 100 definition seconds = 1 real second. */
const timeScale = 0.01;

/** The workflow under test, built with CDK as the county stack builds its own. */
function synthWorkflowTemplate(): CloudFormationTemplate {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'StepFunctionsLocalTest');
  const fn = (id: string, serviceName: string) =>
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      environment: { POWERTOOLS_SERVICE_NAME: serviceName },
    });

  const open = new tasks.LambdaInvoke(stack, 'OpenCase', {
    lambdaFunction: fn('OpenFn', 'open-case'),
    payloadResponseOnly: true,
    resultPath: '$.opened',
  });
  open.addCatch(new sfn.Pass(stack, 'CaseClosed'), { errors: ['CaseClosedError'], resultPath: '$.error' });

  const check = new tasks.LambdaInvoke(stack, 'CheckCase', {
    lambdaFunction: fn('CheckFn', 'check-case'),
    resultSelector: { 'checked.$': '$.Payload.checked', 'statusCode.$': '$.StatusCode' },
    resultPath: '$.check',
  });
  check.addRetry({ errors: ['TransientError'], interval: Duration.seconds(2), maxAttempts: 2 });

  const awaitAnswer = new tasks.LambdaInvoke(stack, 'AwaitAnswer', {
    lambdaFunction: fn('AwaitFn', 'await-answer'),
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      taskToken: sfn.JsonPath.taskToken,
      caseId: sfn.JsonPath.stringAt('$.caseId'),
      executionName: sfn.JsonPath.stringAt('$$.Execution.Name'),
      startedWith: sfn.JsonPath.objectAt('$$.Execution.Input'),
    }),
    taskTimeout: sfn.Timeout.at('$.timeoutSeconds'),
    heartbeatTimeout: sfn.Timeout.at('$.heartbeatSeconds'),
    resultPath: '$.answer',
  });
  awaitAnswer.addCatch(new sfn.Pass(stack, 'Overdue'), { errors: [sfn.Errors.TIMEOUT], resultPath: '$.overdue' });

  const decide = new sfn.Choice(stack, 'Decide')
    .when(sfn.Condition.stringEquals('$.answer.outcome', 'upheld'), new sfn.Succeed(stack, 'Upheld'))
    .otherwise(new sfn.Fail(stack, 'NotUpheld', { error: 'NotUpheld', cause: 'The record was not upheld' }));

  const machine = new sfn.StateMachine(stack, 'Workflow', {
    definitionBody: sfn.DefinitionBody.fromChainable(open.next(check).next(awaitAnswer).next(decide)),
  });
  Tags.of(machine).add('workflow', 'verification-test');
  return Template.fromStack(stack).toJSON() as CloudFormationTemplate;
}

interface Call {
  functionName: string;
  payload: Record<string, unknown>;
}

/** Stand-ins for the three functions; they record what they were given. */
function testFunctions() {
  const calls: Call[] = [];
  const checkAttempts = new Map<string, number>();
  const invokeFunction = async (functionName: string, payload: unknown): Promise<unknown> => {
    const input = payload as Record<string, unknown>;
    calls.push({ functionName, payload: input });
    switch (functionName) {
      case 'open-case':
        if (input.closed) {
          const error = new Error(`case ${String(input.caseId)} is closed`);
          error.name = 'CaseClosedError';
          throw error;
        }
        return { openedFor: input.caseId };
      case 'check-case': {
        const attempt = (checkAttempts.get(String(input.caseId)) ?? 0) + 1;
        checkAttempts.set(String(input.caseId), attempt);
        if (input.flaky && attempt === 1) throw Object.assign(new Error('try again'), { name: 'TransientError' });
        return { checked: true, attempt };
      }
      case 'await-answer':
        return undefined; // a callback task's function only stores the token
      default:
        throw new Error(`no function ${functionName}`);
    }
  };
  const tokenFor = (caseId: string) =>
    eventually(() => {
      const call = calls.filter((c) => c.functionName === 'await-answer' && c.payload.caseId === caseId).at(-1);
      return call?.payload.taskToken as string | undefined;
    });
  return { calls, invokeFunction, tokenFor };
}

async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function clientFor(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function closed(client: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return eventually(async () => {
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const input = (caseId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ caseId, timeoutSeconds: 3600, heartbeatSeconds: 3600, ...extra });

let template: CloudFormationTemplate;
let definition: Record<string, unknown>;
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-sfn-'));
  tempDirs.push(dir);
  return dir;
};

beforeAll(() => {
  template = synthWorkflowTemplate();
  const [workflow] = findStateMachinesByTag(template, 'workflow');
  const names = lambdaServiceNames(template);
  definition = resolveStateMachineDefinition(template, workflow!.logicalId, (id) => names.get(id), { region });
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('resolving a synthesised state machine', () => {
  it('finds the tagged machine and the declared function names', () => {
    expect(findStateMachinesByTag(template, 'workflow')).toEqual([
      { logicalId: expect.stringMatching(/^Workflow/), tagValue: 'verification-test' },
    ]);
    expect([...lambdaServiceNames(template).values()].sort()).toEqual(['await-answer', 'check-case', 'open-case']);
  });

  it('resolves function references to local ARNs and leaves no intrinsic behind', () => {
    const text = JSON.stringify(definition);
    expect(text).not.toContain('Fn::');
    expect(text).not.toContain('"Ref"');
    const states = definition.States as Record<string, Record<string, unknown>>;
    expect(states.OpenCase!.Resource).toBe(`arn:aws:lambda:${region}:000000000000:function:open-case`);
    expect(states.AwaitAnswer!.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect((states.AwaitAnswer!.Parameters as Record<string, unknown>).FunctionName).toBe(
      `arn:aws:lambda:${region}:000000000000:function:await-answer`,
    );
  });

  it('refuses what it cannot resolve, naming the reference', () => {
    const [workflow] = findStateMachinesByTag(template, 'workflow');
    expect(() => resolveStateMachineDefinition(template, workflow!.logicalId, () => undefined)).toThrow(
      /cannot resolve Fn::GetAtt OpenFn\w*\.Arn locally \(no local function for Lambda OpenFn/,
    );
    const roleId = Object.keys(template.Resources!).find((id) => template.Resources![id]!.Type === 'AWS::IAM::Role')!;
    const broken: CloudFormationTemplate = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: { 'Fn::Join': ['', ['{"x":"', { 'Fn::GetAtt': [roleId, 'Arn'] }, '"}']] } },
        },
        ...template.Resources,
      },
    };
    expect(() => resolveStateMachineDefinition(broken, 'Machine', () => 'any')).toThrow(/cannot resolve Fn::GetAtt \w+\.Arn locally \(a AWS::IAM::Role, not a Lambda function\)/);
  });
});

describe('the workflow through SFNClient', () => {
  const functions = testFunctions();
  let service: LocalStepFunctions;
  let endpoint: { endpoint: string; stop: () => Promise<void> };
  let client: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    service = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale, journalDir: tempDir() });
    const started = Date.now();
    stateMachineArn = service.register({ name: 'verification-test', definition });
    console.info(`register (validation included): ${Date.now() - started} ms`);
    endpoint = await startStepFunctionsEndpoint({ service });
    client = clientFor(endpoint.endpoint);
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.stop();
    await service.close();
  });

  it('runs to success once the callback is answered, with AWS-shaped results and context', async () => {
    const started = Date.now();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-1', input: input('case-1') }));
    expect(executionArn).toBe(`arn:aws:states:${region}:000000000000:execution:verification-test:case-1`);

    const token = await functions.tokenFor('case-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    const awaitCall = functions.calls.find((c) => c.functionName === 'await-answer' && c.payload.caseId === 'case-1')!;
    expect(awaitCall.payload).toMatchObject({ executionName: 'case-1', startedWith: JSON.parse(input('case-1')) });
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ outcome: 'upheld' }) }));
    const done = await closed(client, executionArn!);
    console.info(`start → token → success → SUCCEEDED: ${Date.now() - started} ms`);

    expect(done.status).toBe('SUCCEEDED');
    expect(done.startDate).toBeInstanceOf(Date);
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
    expect(JSON.parse(done.output!)).toEqual({
      ...JSON.parse(input('case-1')),
      opened: { openedFor: 'case-1' }, // payloadResponseOnly: the function's result as is
      check: { checked: true, statusCode: 200 }, // default: ResultSelector over { Payload, StatusCode, ... }
      answer: { outcome: 'upheld' },
    });

    const again = await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    expect(again).toBeInstanceOf(TaskDoesNotExist);
    expect(again.name).toBe('TaskDoesNotExist');
  });

  it('fails the execution with the error and cause given to SendTaskFailure', async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-2', input: input('case-2') }));
    const token = await functions.tokenFor('case-2');
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'ProviderUnreachable', cause: 'no answer by phone' }));
    const done = await closed(client, executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'ProviderUnreachable', cause: 'no answer by phone' });
  });

  it('runs the Fail state when the answer does not uphold the record', async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-3', input: input('case-3') }));
    const token = await functions.tokenFor('case-3');
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ outcome: 'revoked' }) }));
    expect(await closed(client, executionArn!)).toMatchObject({ status: 'FAILED', error: 'NotUpheld', cause: 'The record was not upheld' });
  });

  it('takes the States.Timeout catch when TimeoutSecondsPath passes, and then refuses the token', async () => {
    const started = Date.now();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-4', input: input('case-4', { timeoutSeconds: 20 }) }),
    );
    const token = await functions.tokenFor('case-4');
    const done = await closed(client, executionArn!);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(200); // 20 s at timeScale 0.01
    expect(elapsed).toBeLessThan(3000);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.overdue.Error).toBe('States.Timeout');
    expect(output.answer).toBeUndefined();

    const late = await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    expect(late).toBeInstanceOf(TaskTimedOut);
  });

  it('keeps a callback task alive while heartbeats come, and times it out when they stop', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-5', input: input('case-5', { heartbeatSeconds: 50 }) }),
    );
    const token = await functions.tokenFor('case-5');
    const started = Date.now();
    while (Date.now() - started < 1000) {
      // 500 ms without a heartbeat would time it out; one comes every 150 ms for a second.
      await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const done = await closed(client, executionArn!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(done.output!).overdue.Error).toBe('States.Timeout');
  });

  it('catches a function error by its name, with the Lambda-shaped cause', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-6', input: input('case-6', { closed: true }) }),
    );
    const done = await closed(client, executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    const { error } = JSON.parse(done.output!);
    expect(error.Error).toBe('CaseClosedError');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'CaseClosedError', errorMessage: 'case case-6 is closed' });
    expect(JSON.parse(error.Cause).trace[0]).toContain('CaseClosedError');
  });

  it('retries a function error named in Retry', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-7', input: input('case-7', { flaky: true }) }),
    );
    const token = await functions.tokenFor('case-7');
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ outcome: 'upheld' }) }));
    const done = await closed(client, executionArn!);
    expect(JSON.parse(done.output!).check).toEqual({ checked: true, statusCode: 200 });
    expect(functions.calls.filter((c) => c.functionName === 'check-case' && c.payload.caseId === 'case-7')).toHaveLength(2);
  });

  it('is idempotent on the name with the same input, and refuses another input', async () => {
    const first = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-8', input: input('case-8') }));
    const same = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-8', input: input('case-8') }));
    expect(same.executionArn).toBe(first.executionArn);
    expect(same.startDate!.getTime()).toBe(first.startDate!.getTime());
    const other = await rejection(
      client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-8', input: input('case-8', { other: 1 }) })),
    );
    expect(other).toBeInstanceOf(ExecutionAlreadyExists);
    await client.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Test', cause: 'done with it' }));
  });

  it('stops an execution, voiding its token, and lists executions by status', async () => {
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-9', input: input('case-9') }));
    const token = await functions.tokenFor('case-9');
    await client.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'the case was withdrawn' }));
    expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'ABORTED',
      error: 'Withdrawn',
      cause: 'the case was withdrawn',
    });
    expect(await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBeInstanceOf(
      TaskDoesNotExist,
    );
    const aborted = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    expect(aborted.executions!.map((e) => e.name).sort()).toEqual(['case-8', 'case-9']);
  });

  it('answers as Step Functions does to unknown machines, bad output and unsigned requests', async () => {
    const unknown = await rejection(
      client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-nope`, input: '{}' })),
    );
    expect(unknown).toBeInstanceOf(StateMachineDoesNotExist);

    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'case-10', input: input('case-10') }));
    const token = await functions.tokenFor('case-10');
    const badOutput = await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' })));
    expect(badOutput.name).toBe('InvalidOutput');
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await client.send(new StopExecutionCommand({ executionArn }));

    const unsigned = await fetch(endpoint.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { __type: string }).__type).toMatch(/#MissingAuthenticationTokenException$/);
  });
});

describe('the journal', () => {
  it('resumes a waiting execution after a restart with the same token and deadline', async () => {
    const journalDir = tempDir();
    const functions = testFunctions();
    const first = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale, journalDir });
    const stateMachineArn = first.register({ name: 'verification-test', definition });
    const firstEndpoint = await startStepFunctionsEndpoint({ service: first });
    const firstClient = clientFor(firstEndpoint.endpoint);
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-r', input: input('case-r', { timeoutSeconds: 100_000 }) }),
    );
    const token = await functions.tokenFor('case-r');
    const journalFile = join(journalDir, 'verification-test', 'case-r.json');
    const before = await eventually(() => {
      const record = JSON.parse(readFileSync(journalFile, 'utf8'));
      return record.waiting?.token === token ? record : undefined;
    });
    expect(before).toMatchObject({ status: 'RUNNING', current: { state: 'AwaitAnswer' }, lastCompleted: { state: 'CheckCase' } });
    firstClient.destroy();
    await firstEndpoint.stop();
    await first.close();

    const restarted = Date.now();
    const second = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale, journalDir });
    second.register({ name: 'verification-test', definition });
    const secondEndpoint = await startStepFunctionsEndpoint({ service: second });
    const secondClient = clientFor(secondEndpoint.endpoint);
    try {
      expect((await secondClient.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      await secondClient.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ outcome: 'upheld' }) }));
      const done = await closed(secondClient, executionArn!);
      console.info(`restart → resume → SUCCEEDED: ${Date.now() - restarted} ms`);
      expect(done.status).toBe('SUCCEEDED');
      expect(JSON.parse(done.output!)).toMatchObject({ opened: { openedFor: 'case-r' }, answer: { outcome: 'upheld' } });
      // Resumed at the waiting state: no function ran again.
      expect(functions.calls.filter((c) => c.payload.caseId === 'case-r').map((c) => c.functionName)).toEqual([
        'open-case',
        'check-case',
        'await-answer',
      ]);
      expect(JSON.parse(readFileSync(journalFile, 'utf8')).status).toBe('SUCCEEDED');
    } finally {
      secondClient.destroy();
      await secondEndpoint.stop();
      await second.close();
    }
  });

  it('keeps the absolute deadline across a restart', async () => {
    const journalDir = tempDir();
    const functions = testFunctions();
    const first = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale, journalDir });
    const stateMachineArn = first.register({ name: 'verification-test', definition });
    const started = Date.now();
    const { executionArn } = first.startExecution({
      stateMachineArn,
      name: 'case-d',
      input: input('case-d', { timeoutSeconds: 600 }), // 6 s
    });
    await functions.tokenFor('case-d');
    const journalFile = join(readdirSync(journalDir).map((d) => join(journalDir, d))[0]!, 'case-d.json');
    const deadline = await eventually(() => JSON.parse(readFileSync(journalFile, 'utf8')).waiting?.deadline as number | undefined);
    expect(deadline - started).toBeGreaterThanOrEqual(6000);
    expect(deadline - started).toBeLessThan(7000);
    await first.close();
    // Down for half the timeout: the old deadline then falls well before a fresh 6 s from the restart would.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const restarted = Date.now();
    const second = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale, journalDir });
    second.register({ name: 'verification-test', definition });
    const done = await second.waitForExecution(executionArn);
    const stoppedAt = done.stopDate!.getTime();
    expect(stoppedAt).toBeGreaterThanOrEqual(deadline);
    // A fresh 6 s from the restart would end at restarted + 6000; the kept deadline is ≥ 3 s before that (slack for a busy machine).
    expect(stoppedAt).toBeLessThan(restarted + 5000);
    expect(JSON.parse(done.output!).overdue.Error).toBe('States.Timeout');
    await second.close();
  });
});

describe('callback timing', () => {
  it('does not time a callback task out after 60 s unless the definition says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const functions = testFunctions();
      const service = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region });
      const stateMachineArn = service.register({
        name: 'no-timeout',
        definition: {
          StartAt: 'Wait for answer',
          States: {
            'Wait for answer': {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: 'await-answer', Payload: { 'taskToken.$': '$$.Task.Token', 'caseId.$': '$.caseId' } },
              End: true,
            },
          },
        },
      });
      const { executionArn } = service.startExecution({ stateMachineArn, input: JSON.stringify({ caseId: 'slow' }) });
      await vi.advanceTimersByTimeAsync(10);
      const token = functions.calls.find((c) => c.payload.caseId === 'slow')?.payload.taskToken as string;
      expect(token).toBeTruthy();
      await vi.advanceTimersByTimeAsync(10 * 60_000); // ten minutes
      expect(service.describeExecution(executionArn).status).toBe('RUNNING');
      service.sendTaskSuccess(token, JSON.stringify({ late: 'but fine' }));
      await vi.advanceTimersByTimeAsync(10);
      expect(service.describeExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"late":"but fine"}' });
      await service.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a clock moved forward (time advanced, not slept)', () => {
  const day = 24 * 3600;
  /** The service's clock: real time plus what the test advanced. */
  function travellingClock() {
    let offsetMs = 0;
    return { now: () => Date.now() + offsetMs, advance: (seconds: number) => void (offsetMs += seconds * 1000) };
  }
  function serviceOnClock(extra: { retryTimeScale?: number } = {}) {
    const clock = travellingClock();
    const functions = testFunctions();
    const service = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, journalDir: tempDir(), now: clock.now, ...extra });
    const stateMachineArn = service.register({ name: 'verification-test', definition });
    const advance = (seconds: number) => {
      clock.advance(seconds);
      service.clockChanged();
    };
    return { clock, functions, service, stateMachineArn, advance };
  }
  const running = async (service: LocalStepFunctions, executionArn: string) => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // what a timeout would set going has had its turn
    return service.describeExecution(executionArn).status === 'RUNNING';
  };

  it('times out a 20-day callback task right after the clock passes its deadline, and refuses its token', async () => {
    const { functions, service, stateMachineArn, advance, clock } = serviceOnClock();
    const startedAt = clock.now();
    const { executionArn } = service.startExecution({
      stateMachineArn,
      name: 'c-20d',
      input: input('c-20d', { timeoutSeconds: 20 * day, heartbeatSeconds: 40 * day }),
    });
    const token = await functions.tokenFor('c-20d');
    advance(20 * day - 60);
    expect(await running(service, executionArn)).toBe(true);
    const sleptFrom = Date.now();
    advance(60);
    const done = await service.waitForExecution(executionArn);
    expect(Date.now() - sleptFrom).toBeLessThan(2000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).overdue).toMatchObject({ Error: 'States.Timeout', Cause: "Task 'AwaitAnswer' timed out" });
    // Stopped on the service's clock, 20 days after the start.
    expect(done.stopDate!.getTime() - startedAt).toBeGreaterThanOrEqual(20 * day * 1000);
    expect(() => service.sendTaskSuccess(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
    await service.close();
  });

  it('keeps a task waiting whose deadline the clock has not reached; its answer still counts', async () => {
    const { functions, service, stateMachineArn, advance } = serviceOnClock();
    const { executionArn } = service.startExecution({
      stateMachineArn,
      name: 'c-19d',
      input: input('c-19d', { timeoutSeconds: 20 * day, heartbeatSeconds: 40 * day }),
    });
    const token = await functions.tokenFor('c-19d');
    advance(19 * day);
    expect(await running(service, executionArn)).toBe(true);
    service.sendTaskSuccess(token, JSON.stringify({ outcome: 'upheld' }));
    const done = await service.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ outcome: 'upheld' });
    await service.close();
  });

  it('times a heartbeat from the last one on the moved clock', async () => {
    const { functions, service, stateMachineArn, advance } = serviceOnClock();
    const { executionArn } = service.startExecution({
      stateMachineArn,
      name: 'c-hb',
      input: input('c-hb', { timeoutSeconds: 20 * day, heartbeatSeconds: 3 * day }),
    });
    const token = await functions.tokenFor('c-hb');
    advance(2 * day);
    service.sendTaskHeartbeat(token); // now due 3 days from here
    advance(2 * day);
    expect(await running(service, executionArn)).toBe(true);
    advance(day);
    const done = await service.waitForExecution(executionArn);
    expect(JSON.parse(done.output!).overdue).toMatchObject({ Error: 'States.Timeout', Cause: "Task 'AwaitAnswer' sent no heartbeat in time" });
    expect(() => service.sendTaskHeartbeat(token)).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
    await service.close();
  });

  it("times the execution's TimeoutSeconds on the clock, and keeps journaled deadlines on it", async () => {
    const journalDir = tempDir();
    const clock = travellingClock();
    const functions = testFunctions();
    const noTimeout = {
      TimeoutSeconds: 3600,
      StartAt: 'Wait for answer',
      States: {
        'Wait for answer': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'await-answer', Payload: { 'taskToken.$': '$$.Task.Token', 'caseId.$': '$.caseId' } },
          End: true,
        },
      },
    };
    const first = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, journalDir, now: clock.now });
    const stateMachineArn = first.register({ name: 'hour', definition: noTimeout });
    clock.advance(10 * day); // travelled before the start: the deadline is an hour after the clock's now
    const { executionArn, startDate } = first.startExecution({ stateMachineArn, input: JSON.stringify({ caseId: 'hour' }) });
    expect(startDate.getTime()).toBeGreaterThanOrEqual(Date.now() + 10 * day * 1000 - 1000);
    await functions.tokenFor('hour');
    await first.close();

    // The restarted service is on the same moved clock (the platform keeps its offset).
    const second = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, journalDir, now: clock.now });
    second.register({ name: 'hour', definition: noTimeout });
    expect(await running(second, executionArn)).toBe(true);
    clock.advance(3600);
    second.clockChanged();
    expect(await second.waitForExecution(executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    await second.close();
  });

  it('leaves a clock that has not moved past anything alone, and does nothing once closed', async () => {
    const { functions, service, stateMachineArn } = serviceOnClock();
    const { executionArn } = service.startExecution({ stateMachineArn, name: 'c-same', input: input('c-same') });
    const token = await functions.tokenFor('c-same');
    service.clockChanged();
    expect(await running(service, executionArn)).toBe(true);
    service.sendTaskSuccess(token, JSON.stringify({ outcome: 'upheld' }));
    expect((await service.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    await service.close();
    service.clockChanged();
  });

  it('retries at once with retryTimeScale 0 (Retry intervals are slept on real time otherwise)', async () => {
    const { functions, service, stateMachineArn } = serviceOnClock({ retryTimeScale: 0 });
    const started = Date.now();
    const { executionArn } = service.startExecution({ stateMachineArn, name: 'c-retry', input: input('c-retry', { flaky: true }) });
    const token = await functions.tokenFor('c-retry'); // after CheckCase's retry, whose interval is 2 s
    expect(Date.now() - started).toBeLessThan(1500);
    expect(functions.calls.filter((c) => c.functionName === 'check-case' && c.payload.caseId === 'c-retry')).toHaveLength(2);
    service.sendTaskSuccess(token, JSON.stringify({ outcome: 'upheld' }));
    expect((await service.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    await service.close();
    expect(() => new LocalStepFunctions({ invokeFunction: functions.invokeFunction, retryTimeScale: -1 })).toThrow(/retryTimeScale/);
  });
});

describe('nested and edge states', () => {
  const callbackTask = (caseId: string, extra: Record<string, unknown> = {}) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: 'await-answer', Payload: { 'taskToken.$': '$$.Task.Token', caseId } },
    ...extra,
  });

  it('gives each callback task in parallel branches its own token', async () => {
    const functions = testFunctions();
    const service = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, journalDir: tempDir() });
    const stateMachineArn = service.register({
      name: 'parallel-callbacks',
      definition: {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Left', States: { Left: callbackTask('left', { End: true }) } },
              { StartAt: 'Right', States: { Right: callbackTask('right', { End: true }) } },
            ],
            End: true,
          },
        },
      },
    });
    const { executionArn } = service.startExecution({ stateMachineArn });
    const [left, right] = await Promise.all([functions.tokenFor('left'), functions.tokenFor('right')]);
    expect(left).not.toBe(right);
    service.sendTaskSuccess(right, '"R"');
    service.sendTaskSuccess(left, '"L"');
    expect(await service.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '["L","R"]' });
    await service.close();
  });

  it('does not let States.TaskFailed catch a timeout', async () => {
    const functions = testFunctions();
    const service = new LocalStepFunctions({ invokeFunction: functions.invokeFunction, region, timeScale });
    const stateMachineArn = service.register({
      name: 'timeout-not-task-failed',
      definition: {
        StartAt: 'Wait for answer',
        States: {
          'Wait for answer': callbackTask('times-out', {
            TimeoutSeconds: 1,
            Catch: [
              { ErrorEquals: ['States.TaskFailed'], Next: 'Task failed' },
              { ErrorEquals: ['States.Timeout'], Next: 'Timed out' },
            ],
            End: true,
          }),
          'Task failed': { Type: 'Fail', Error: 'WrongCatcher' },
          'Timed out': { Type: 'Pass', Result: 'timed out', End: true },
        },
      },
    });
    const { executionArn } = service.startExecution({ stateMachineArn });
    expect(await service.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"timed out"' });
    await service.close();
  });

  it('refuses what aws-local-stepfunctions would silently get wrong', () => {
    const service = new LocalStepFunctions({ invokeFunction: async () => null, region });
    expect(() =>
      service.register({
        name: 'put-item',
        definition: {
          StartAt: 'Put',
          States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, End: true } },
        },
      }),
    ).toThrow(/dynamodb:putItem is not supported locally/);
    expect(() =>
      service.register({
        name: 'jsonata',
        definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      }),
    ).toThrow(/JSONata is not supported/);
  });
});
