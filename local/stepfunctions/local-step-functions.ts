/**
 * A local Step Functions service: state machines run on aws-local-stepfunctions, every Lambda task
 * goes to our own handlers, and the parts that library lacks are added here, outside it:
 *
 * - the callback pattern: a `.waitForTaskToken` task gets a fresh opaque token wherever its definition
 *   reads `$$.Task.Token`, and waits for SendTaskSuccess / SendTaskFailure, its TimeoutSeconds(Path)
 *   or its HeartbeatSeconds(Path), all as catchable task errors;
 * - AWS-shaped Lambda results (`lambda:invoke` answers `{ Payload, StatusCode, ... }`) and errors
 *   (`Error` = the error's name, `Cause` = `{"errorType","errorMessage","trace"}`);
 * - task timeouts as on AWS: none unless the definition sets one (the library's default is 60 s);
 * - `$$.Execution.*` and `$$.StateMachine.*` from the execution, also after a resume;
 * - a journal, so that an execution waiting on a callback survives a restart with the same token.
 *
 * How: the definition is rewritten before it is run (see `prepareDefinition`). Each Task's Parameters
 * are wrapped so the task handler receives its timeout and heartbeat values, the library's own task
 * timer is pushed out of the way, `$$.Execution` paths are pointed at a context entry the library does
 * not overwrite, and timeScale (retryTimeScale) is applied to durations. The original definition is what
 * gets validated.
 *
 * Time: every deadline this service keeps (task TimeoutSeconds and HeartbeatSeconds, the execution's
 * TimeoutSeconds) is an absolute time on the `now` clock of the options, and its timers can be
 * re-examined at once with `clockChanged()` after that clock moved: the local platform moves its clock
 * forward to let deadlines pass without sleeping. Wait states and Retry intervals are slept by
 * aws-local-stepfunctions itself, on real time (scaled by timeScale / retryTimeScale only).
 *
 * The journal (one JSON file per execution under `journalDir/<state machine>/`) records the execution,
 * the last top-level state entered (with its raw input), the last top-level state completed (with its
 * output) and the callback a top-level state waits on (token, deadlines, and the answer once given).
 * When a state machine is registered, its journaled RUNNING executions re-enter at that top-level
 * state with that input: a waiting callback task keeps its token and absolute deadlines and does not
 * invoke its function again; any other state runs again (at least once, like a Lambda retry).
 * Callback tasks nested in Parallel or Map states are not journaled: on resume their enclosing
 * top-level state runs again and hands out new tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ExecutionAbortedError,
  ExecutionError,
  StateMachine,
  type RunOptions,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node >= 22); keep it working on Node 20.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface LocalStepFunctionsOptions {
  /**
   * Runs one of our functions. Used for every Lambda task; a throw is the function's error
   * (`Error` = its name, as the Lambda runtime reports it). Resolves with the function's result.
   */
  invokeFunction: (functionName: string, payload: unknown) => Promise<unknown>;
  /** Default `AWS_REGION` or `us-east-1`; used in ARNs of state machines registered without one. */
  region?: string;
  /** Default `000000000000`. */
  accountId?: string;
  /** Where executions are journaled; without it, executions live in memory only. */
  journalDir?: string;
  /**
   * Multiplies the durations this service times itself: task TimeoutSeconds(Path), HeartbeatSeconds(Path),
   * the execution's TimeoutSeconds, Wait `Seconds` and Retry intervals. `0.01` makes a 100 s timeout
   * happen in 1 s. Default 1. Wait `SecondsPath`/`Timestamp(Path)` are not scaled. Retry intervals follow
   * `retryTimeScale` when it is given.
   */
  timeScale?: number;
  /**
   * Multiplies Retry `IntervalSeconds` (and `MaxDelaySeconds`) only, in place of timeScale: `0` retries at
   * once, so that a test of Retry with real intervals of minutes takes no time. Default: timeScale.
   */
  retryTimeScale?: number;
  /**
   * The clock of every deadline and date this service keeps (epoch ms): task and heartbeat timeouts, the
   * execution timeout, start and stop dates, the journal's absolute deadlines. Default `Date.now`. After
   * it moves (forward), call `clockChanged()`. Wait states and Retry intervals stay on real time.
   */
  now?: () => number;
  /** Problems that have no caller to report to (a failed fire-and-forget invocation, an unreadable journal file). */
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface StateMachineRegistration {
  name: string;
  /** Default `arn:aws:states:<region>:<account>:stateMachine:<name>`. */
  arn?: string;
  /** The ASL (JSONPath), as `resolveStateMachineDefinition` returns it. */
  definition: object;
  /** Passed to aws-local-stepfunctions: milliseconds per Wait state name. */
  waitTimeOverrides?: Record<string, number>;
  /** Passed to aws-local-stepfunctions: milliseconds per state name (or per retrier). */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

/** A service error, named as Step Functions names it (`TaskDoesNotExist`, `ExecutionAlreadyExists`, ...). */
export class StepFunctionsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

type TaskKind = 'lambda-invoke' | 'lambda-callback' | 'lambda-arn';

interface TaskInfo {
  kind: TaskKind;
  /** For a Lambda ARN resource: the function name. */
  functionName?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

type TaskOutcome =
  | { type: 'success'; output: JsonValue }
  | { type: 'failure'; error?: string; cause?: string }
  | { type: 'timeout'; heartbeat: boolean };

interface WaitingTask {
  state: string;
  token: string;
  /** Epoch ms; absent when the task has no timeout. */
  deadline?: number;
  heartbeatMs?: number;
  heartbeatDeadline?: number;
  /** Set once answered, so an answer given just before a restart is not lost. */
  outcome?: TaskOutcome;
}

/** What the journal keeps of an execution (one file each). */
interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch ms at which the execution times out (definition's TimeoutSeconds). */
  deadline?: number;
  /** The last top-level state entered and its raw input: where a resumed execution re-enters. */
  current?: { state: string; input: JsonValue };
  lastCompleted?: { state: string; output: JsonValue };
  /** The callback a top-level state is waiting on. */
  waiting?: WaitingTask;
}

interface PendingTask extends WaitingTask {
  executionArn: string;
  topLevel: boolean;
  settled: boolean;
  answer: Promise<TaskOutcome | 'cancelled'>;
  settle: (outcome: TaskOutcome | 'cancelled') => void;
  timer?: Timer;
}

interface Execution {
  record: ExecutionRecord;
  /** Random stand-in for `$$.Task.Token`, replaced by a fresh token in each callback task's payload. */
  tokenPlaceholder: string;
  tokens: Set<string>;
  /** A journaled callback to pick up instead of invoking the function again. */
  resume?: PendingTask;
  abort?: () => void;
  timer?: Timer;
  finished: Promise<void>;
  markFinished: () => void;
  run?: Promise<void>;
}

interface RegisteredMachine {
  name: string;
  arn: string;
  definition: object;
  runnable: StateMachineDefinition;
  tasks: Map<string, TaskInfo>;
  topLevelStates: Set<string>;
  timeoutSeconds?: number;
  builds: Map<string, StateMachine>;
  overrides: Pick<NonNullable<RunOptions['overrides']>, 'waitTimeOverrides' | 'retryIntervalOverrides'>;
}

interface Timer {
  clear(): void;
}

/** A deadline timer on the service's clock. */
interface ClockTimer extends Timer {
  /** Epoch ms on the service's clock. */
  readonly at: number;
  /** Fires now if `at` has come, else (re-)arms for the time that remains. */
  check(): void;
}

/** Node timers stop at 2^31-1 ms (24.8 days): longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The library's own task timer, pushed as far as Node timers reach (24.8 days); ours does the timing. */
const LIBRARY_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const WRAPPED_PAYLOAD = 'payload';
const WRAPPED_TIMEOUT = 'timeoutSeconds';
const WRAPPED_HEARTBEAT = 'heartbeatSeconds';
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const MAX_PAYLOAD_BYTES = 256 * 1024;

/** An execution input or task output: at most 256 KiB of JSON, refused with the service's own error otherwise. */
function parsePayload(text: string, code: string, what: 'Input' | 'Output', invalid: string): JsonValue {
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new StepFunctionsError(code, `${what} exceeds the maximum size of ${MAX_PAYLOAD_BYTES} bytes`);
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new StepFunctionsError(code, `${invalid}: '${text}'`);
  }
}

export class LocalStepFunctions {
  private readonly options: LocalStepFunctionsOptions;
  private readonly region: string;
  private readonly accountId: string;
  private readonly timeScale: number;
  private readonly retryTimeScale: number;
  private readonly now: () => number;
  /** Every armed deadline timer, so that `clockChanged()` can re-examine them. */
  private readonly timers = new Set<ClockTimer>();
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly pending = new Map<string, PendingTask>();
  private readonly timedOutTokens = new Set<string>();
  private readonly journalFolders = new Set<string>();
  private closed = false;

  constructor(options: LocalStepFunctionsOptions) {
    this.options = options;
    this.region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new Error('timeScale must be a positive number');
    this.retryTimeScale = options.retryTimeScale ?? this.timeScale;
    if (!(this.retryTimeScale >= 0) || !Number.isFinite(this.retryTimeScale)) {
      throw new Error('retryTimeScale must be a finite number ≥ 0');
    }
    const clock = options.now;
    this.now = clock ? () => clock() : () => Date.now();
    void statesTimeoutError(); // learn the library's timeout error class before any task can need it
    if (options.journalDir) this.loadJournal(options.journalDir);
  }

  /**
   * Adds a state machine (validating its definition once: ~140 ms) and resumes its journaled
   * RUNNING executions. Throws on an invalid definition or a Task that is not a Lambda task.
   */
  register(registration: StateMachineRegistration): string {
    const arn =
      registration.arn ?? `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${registration.name}`;
    if (this.machines.has(arn)) throw new Error(`state machine ${arn} is already registered`);
    new StateMachine(registration.definition as StateMachineDefinition); // validates, as CreateStateMachine would
    const prepared = prepareDefinition(registration.definition as StateMachineDefinition, {
      timeScale: this.timeScale,
      retryTimeScale: this.retryTimeScale,
      machineName: registration.name,
    });
    const machine: RegisteredMachine = {
      name: registration.name,
      arn,
      definition: registration.definition,
      ...prepared,
      builds: new Map(),
      overrides: {
        waitTimeOverrides: registration.waitTimeOverrides,
        retryIntervalOverrides: registration.retryIntervalOverrides,
      },
    };
    this.machines.set(arn, machine);
    for (const execution of this.executions.values()) {
      const { record } = execution;
      if (record.status === 'RUNNING' && record.stateMachineArn === arn && !execution.run) this.resume(execution, machine);
    }
    return arn;
  }

  startExecution(request: { stateMachineArn: string; name?: string; input?: string }): {
    executionArn: string;
    startDate: Date;
  } {
    const machine = this.machineOf(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!EXECUTION_NAME.test(name)) throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    const parsedInput = parsePayload(input, 'InvalidExecutionInput', 'Input', 'Invalid State Machine Execution Input');
    const executionArn = `arn:aws:states:${arnRegion(machine.arn)}:${arnAccount(machine.arn)}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As on AWS (STANDARD): idempotent while running with the same input, refused otherwise.
      if (existing.record.status === 'RUNNING' && existing.record.input === input) {
        return { executionArn, startDate: new Date(existing.record.startDate) };
      }
      throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const startDate = this.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      name,
      input,
      status: 'RUNNING',
      startDate,
      ...(machine.timeoutSeconds !== undefined
        ? { deadline: startDate + machine.timeoutSeconds * 1000 * this.timeScale }
        : {}),
    };
    const execution = this.track(record);
    this.journal(execution);
    this.run(execution, machine, machine.runnable.StartAt, parsedInput);
    return { executionArn, startDate: new Date(startDate) };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return describe(this.executionOf(executionArn).record);
  }

  /** Resolves once the execution has closed, with its description. */
  async waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    const execution = this.executionOf(executionArn);
    await execution.finished;
    return describe(execution.record);
  }

  stopExecution(executionArn: string, details: { error?: string; cause?: string } = {}): { stopDate: Date } {
    const execution = this.executionOf(executionArn);
    if (execution.record.status === 'RUNNING') {
      this.finish(execution, { status: 'ABORTED', error: details.error, cause: details.cause });
      execution.abort?.();
    }
    return { stopDate: new Date(execution.record.stopDate ?? this.now()) };
  }

  listExecutions(request: { stateMachineArn: string; statusFilter?: ExecutionStatus }): ExecutionDescription[] {
    const machineArn = request.stateMachineArn;
    const known =
      this.machines.has(machineArn) ||
      [...this.executions.values()].some((e) => e.record.stateMachineArn === machineArn);
    if (!known) this.machineOf(machineArn);
    return [...this.executions.values()]
      .map((e) => e.record)
      .filter((r) => r.stateMachineArn === machineArn && (!request.statusFilter || r.status === request.statusFilter))
      .sort((a, b) => b.startDate - a.startDate)
      .map(describe);
  }

  listStateMachines(): Array<{ name: string; arn: string; definition: object }> {
    return [...this.machines.values()].map(({ name, arn, definition }) => ({ name, arn, definition }));
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    const task = this.taskOf(taskToken);
    const parsed = parsePayload(output, 'InvalidOutput', 'Output', 'Invalid Output');
    this.settle(task, { type: 'success', output: parsed });
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.settle(this.taskOf(taskToken), { type: 'failure', error, cause });
  }

  sendTaskHeartbeat(taskToken: string): void {
    const task = this.taskOf(taskToken);
    if (task.heartbeatMs === undefined) return;
    task.heartbeatDeadline = this.now() + task.heartbeatMs;
    this.armTaskTimer(task);
    const execution = this.executions.get(task.executionArn);
    if (execution?.record.waiting?.token === task.token) {
      execution.record.waiting.heartbeatDeadline = task.heartbeatDeadline;
      this.journal(execution);
    }
  }

  /**
   * The `now` clock has moved (forward): every deadline timer is examined again at once. A task or
   * heartbeat or execution whose deadline has now passed times out now, in deadline order, as if that
   * time had passed; the others re-arm for the time that remains. What the timeouts set going (a Catch,
   * the next states, their functions) runs asynchronously after this returns.
   */
  clockChanged(): void {
    if (this.closed) return;
    const timers = [...this.timers].sort((a, b) => a.at - b.at);
    for (const timer of timers) if (this.timers.has(timer)) timer.check();
  }

  /**
   * Stops timers and in-flight executions without recording them as stopped, as a process exit
   * would: a new instance on the same journalDir resumes them.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of [...this.timers]) timer.clear();
    const runs: Promise<void>[] = [];
    for (const execution of this.executions.values()) {
      if (execution.record.status !== 'RUNNING') continue;
      execution.timer?.clear();
      for (const token of execution.tokens) this.cancel(token);
      execution.resume?.timer?.clear();
      execution.abort?.();
      if (execution.run) runs.push(execution.run);
    }
    await Promise.allSettled(runs);
  }

  // ---- executions ----

  private track(record: ExecutionRecord): Execution {
    const { promise, resolve } = withResolvers<void>();
    const execution: Execution = {
      record,
      tokenPlaceholder: `local-sfn-task-token-${randomUUID()}`,
      tokens: new Set(),
      finished: promise,
      markFinished: resolve,
    };
    if (record.status !== 'RUNNING') resolve();
    this.executions.set(record.executionArn, execution);
    return execution;
  }

  private resume(execution: Execution, machine: RegisteredMachine): void {
    const { record } = execution;
    if (record.current && !machine.topLevelStates.has(record.current.state)) {
      this.finish(execution, {
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `Cannot resume at state '${record.current.state}': not in the registered definition`,
      });
      return;
    }
    const startAt = record.current?.state ?? machine.runnable.StartAt;
    const input = record.current ? record.current.input : (JSON.parse(record.input) as JsonValue);
    this.run(execution, machine, startAt, input);
  }

  private run(execution: Execution, machine: RegisteredMachine, startAt: string, input: JsonValue): void {
    const { record } = execution;
    if (record.deadline !== undefined) {
      execution.timer = this.setTimer(record.deadline, () => {
        if (record.status !== 'RUNNING') return;
        this.finish(execution, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' });
        execution.abort?.();
      });
    }
    const handlers: Record<string, (input: unknown) => Promise<JsonValue>> = {};
    for (const [state, info] of machine.tasks) {
      handlers[state] = (taskInput) => this.runTask(execution, machine, state, info, taskInput);
    }
    const build = this.build(machine, startAt);
    const run = build.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, ...machine.overrides },
      context: {
        // `$$.Execution` is rewritten to `$$.LocalExecution`: the library overwrites Execution.Input/StartTime.
        LocalExecution: {
          Id: record.executionArn,
          Name: record.name,
          Input: JSON.parse(record.input) as JsonValue,
          StartTime: new Date(record.startDate).toISOString(),
          RoleArn: `arn:aws:iam::${this.accountId}:role/local-step-functions`,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: execution.tokenPlaceholder },
      },
    });
    execution.abort = run.abort;
    if (this.options.journalDir) void this.followStates(execution, machine, run.eventLogs);
    execution.run = run.result.then(
      (output) => this.finish(execution, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
      (error: unknown) => {
        if (error instanceof ExecutionAbortedError) return; // stopped, timed out or closed: already recorded
        const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
        this.finish(execution, { status: 'FAILED', ...failureOf(cause) });
      },
    );
  }

  private build(machine: RegisteredMachine, startAt: string): StateMachine {
    let build = machine.builds.get(startAt);
    if (!build) {
      // Validated once at register(); the runnable variants need no validation.
      build = new StateMachine({ ...machine.runnable, StartAt: startAt }, { validationOptions: { noValidate: true } });
      machine.builds.set(startAt, build);
    }
    return build;
  }

  /** Journals top-level state entries and exits, from the library's event log. */
  private async followStates(
    execution: Execution,
    machine: RegisteredMachine,
    events: AsyncGenerator<{ type: string; index?: number; state?: { name: string; input: unknown; output?: unknown } }>,
  ): Promise<void> {
    const { record } = execution;
    for await (const event of events) {
      if (this.closed || record.status !== 'RUNNING') break;
      const state = event.state;
      if (!state || event.index !== undefined || !machine.topLevelStates.has(state.name)) continue;
      if (event.type === 'StateEntered') {
        record.current = { state: state.name, input: state.input as JsonValue };
        delete record.waiting;
        this.journal(execution);
      } else if (event.type === 'StateExited') {
        // Written with the next state's entry (or the execution's end): one write per transition.
        record.lastCompleted = { state: state.name, output: state.output as JsonValue };
        if (record.waiting?.state === state.name) delete record.waiting;
      }
    }
  }

  private finish(
    execution: Execution,
    result: { status: Exclude<ExecutionStatus, 'RUNNING'>; output?: string; error?: string; cause?: string },
  ): void {
    const { record } = execution;
    if (this.closed || record.status !== 'RUNNING') return;
    record.status = result.status;
    record.stopDate = this.now();
    if (result.output !== undefined) record.output = result.output;
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    delete record.waiting;
    execution.timer?.clear();
    for (const token of execution.tokens) this.cancel(token);
    if (execution.resume) {
      execution.resume.timer?.clear();
      this.pending.delete(execution.resume.token);
      delete execution.resume;
    }
    this.journal(execution);
    execution.markFinished();
  }

  // ---- tasks ----

  private async runTask(
    execution: Execution,
    machine: RegisteredMachine,
    state: string,
    info: TaskInfo,
    wrapped: unknown,
  ): Promise<JsonValue> {
    const { payload, timeoutSeconds, heartbeatSeconds } = unwrapTaskInput(wrapped, info, state);
    const timeoutMs = timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000 * this.timeScale;
    if (info.kind !== 'lambda-callback') {
      const invocation = this.invokeLambda(info, payload);
      if (timeoutMs === undefined) return invocation;
      const timer = withResolvers<never>();
      const handle = this.setTimer(this.now() + timeoutMs, () =>
        statesTimeoutError(`Task '${state}' timed out after ${timeoutSeconds} seconds`).then(timer.reject),
      );
      try {
        return await Promise.race([invocation, timer.promise]);
      } finally {
        handle.clear();
      }
    }

    const topLevel = machine.topLevelStates.has(state);
    const resumed = execution.resume?.state === state ? execution.resume : undefined;
    let task: PendingTask;
    if (resumed) {
      task = resumed; // journaled before a restart: same token, same deadlines, no new invocation
      delete execution.resume;
      if (!task.settled) execution.tokens.add(task.token);
    } else {
      const now = this.now();
      const heartbeatMs = heartbeatSeconds === undefined ? undefined : heartbeatSeconds * 1000 * this.timeScale;
      task = this.newPendingTask(execution, state, topLevel, {
        token: randomBytes(96).toString('base64url'),
        ...(timeoutMs !== undefined ? { deadline: now + timeoutMs } : {}),
        ...(heartbeatMs !== undefined ? { heartbeatMs, heartbeatDeadline: now + heartbeatMs } : {}),
      });
    }
    if (topLevel && this.options.journalDir) {
      await new Promise((resolve) => setImmediate(resolve)); // let followStates record this state's entry first
      if (execution.record.status !== 'RUNNING' || this.closed) return cancelledTask();
      execution.record.waiting = waitingOf(task);
      this.journal(execution);
    }
    this.armTaskTimer(task);
    let answer: TaskOutcome | 'cancelled';
    if (resumed) {
      answer = await task.answer;
    } else {
      const request = asRecord(withToken(payload, execution.tokenPlaceholder, task.token), 'lambda:invoke Parameters');
      const invocation = this.invokeCallbackFunction(request);
      // The answer may come while the function still runs; a function error fails the task.
      answer = await Promise.race([invocation.then(() => task.answer), task.answer]).catch((error: unknown) => {
        this.cancel(task.token);
        throw error;
      });
    }
    if (answer === 'cancelled') return cancelledTask();
    switch (answer.type) {
      case 'success':
        return answer.output;
      case 'failure':
        throw Object.assign(new Error(answer.cause ?? ''), { name: answer.error ?? '' });
      case 'timeout':
        throw await statesTimeoutError(
          answer.heartbeat ? `Task '${state}' sent no heartbeat in time` : `Task '${state}' timed out`,
        );
    }
  }

  private newPendingTask(
    execution: Execution,
    state: string,
    topLevel: boolean,
    waiting: Omit<WaitingTask, 'state'>,
  ): PendingTask {
    const { promise, resolve } = withResolvers<TaskOutcome | 'cancelled'>();
    const task: PendingTask = {
      ...waiting,
      state,
      executionArn: execution.record.executionArn,
      topLevel,
      settled: false,
      answer: promise,
      settle: resolve,
    };
    this.pending.set(task.token, task);
    execution.tokens.add(task.token);
    return task;
  }

  private armTaskTimer(task: PendingTask): void {
    task.timer?.clear();
    const at = Math.min(task.deadline ?? Infinity, task.heartbeatDeadline ?? Infinity);
    if (at === Infinity || task.settled) return;
    task.timer = this.setTimer(at, () => {
      if (task.settled) return;
      const now = this.now();
      if (task.deadline !== undefined && now >= task.deadline) this.settle(task, { type: 'timeout', heartbeat: false });
      else if (task.heartbeatDeadline !== undefined && now >= task.heartbeatDeadline) {
        this.settle(task, { type: 'timeout', heartbeat: true });
      } else this.armTaskTimer(task);
    });
  }

  /**
   * A timer for an absolute time on the service's clock, however far. It first fires from a timer
   * callback (never during this call), unref'd; `clockChanged()` re-examines it.
   */
  private setTimer(at: number, onTime: () => void): Timer {
    let handle: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      handle = setTimeout(timer.check, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
      handle.unref();
    };
    const timer: ClockTimer = {
      at,
      check: () => {
        clearTimeout(handle);
        const remaining = at - this.now();
        if (remaining > 0) return arm(remaining);
        this.timers.delete(timer);
        onTime();
      },
      clear: () => {
        clearTimeout(handle);
        this.timers.delete(timer);
      },
    };
    this.timers.add(timer);
    arm(at - this.now());
    return timer;
  }

  /** The waiting task of a token, or the error Step Functions answers with. */
  private taskOf(token: string): PendingTask {
    if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
      throw new StepFunctionsError('InvalidToken', 'Invalid Token');
    }
    const task = this.pending.get(token);
    if (!task || task.settled) {
      if (this.timedOutTokens.has(token)) throw new StepFunctionsError('TaskTimedOut', 'Task Timed Out');
      throw new StepFunctionsError('TaskDoesNotExist', 'Task Does Not Exist');
    }
    const now = this.now();
    const timedOut =
      (task.deadline !== undefined && now >= task.deadline) ||
      (task.heartbeatDeadline !== undefined && now >= task.heartbeatDeadline);
    if (timedOut) {
      this.settle(task, { type: 'timeout', heartbeat: !(task.deadline !== undefined && now >= task.deadline) });
      throw new StepFunctionsError('TaskTimedOut', 'Task Timed Out');
    }
    return task;
  }

  private settle(task: PendingTask, outcome: TaskOutcome): void {
    if (task.settled) return;
    task.settled = true;
    task.outcome = outcome;
    task.timer?.clear();
    this.pending.delete(task.token);
    if (outcome.type === 'timeout') this.timedOutTokens.add(task.token);
    const execution = this.executions.get(task.executionArn);
    execution?.tokens.delete(task.token);
    if (execution?.record.waiting?.token === task.token) {
      execution.record.waiting.outcome = outcome;
      this.journal(execution);
    }
    task.settle(outcome);
  }

  /** Voids a token without an outcome: its execution ended, or its function failed. */
  private cancel(token: string): void {
    const task = this.pending.get(token);
    this.pending.delete(token);
    if (!task) return;
    this.executions.get(task.executionArn)?.tokens.delete(token);
    if (task.settled) return;
    task.settled = true;
    task.timer?.clear();
    task.settle('cancelled');
  }

  private async invokeLambda(info: TaskInfo, payload: unknown): Promise<JsonValue> {
    if (info.kind === 'lambda-arn') return this.callFunction(info.functionName!, payload);
    const request = asRecord(payload, 'lambda:invoke Parameters');
    const functionName = functionNameOf(request.FunctionName);
    if (request.InvocationType === 'Event' || request.InvocationType === 'DryRun') {
      if (request.InvocationType === 'Event') this.fireAndForget(functionName, request.Payload ?? {});
      return invokeResult('', request.InvocationType === 'Event' ? 202 : 204, this.now());
    }
    const result = await this.callFunction(functionName, request.Payload ?? {});
    return invokeResult(result, 200, this.now());
  }

  /** Invokes the function of a callback task; resolves (with nothing) once it has returned. */
  private async invokeCallbackFunction(request: Record<string, unknown>): Promise<void> {
    const functionName = functionNameOf(request.FunctionName);
    if (request.InvocationType === 'Event') this.fireAndForget(functionName, request.Payload ?? {});
    else await this.callFunction(functionName, request.Payload ?? {});
  }

  private fireAndForget(functionName: string, payload: unknown): void {
    this.callFunction(functionName, payload).catch((error: unknown) =>
      this.log('asynchronous invocation failed', { functionName, error: String(error) }),
    );
  }

  private async callFunction(functionName: string, payload: unknown): Promise<JsonValue> {
    let result: unknown;
    try {
      result = await this.options.invokeFunction(functionName, payload);
    } catch (error) {
      throw lambdaFunctionError(error);
    }
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
  }

  // ---- lookups, journal ----

  private machineOf(arn: string): RegisteredMachine {
    if (typeof arn !== 'string' || !/^arn:aws[\w-]*:states:[^:]*:\d*:stateMachine:[^:]+$/.test(arn)) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const machine = this.machines.get(arn);
    if (!machine) throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private executionOf(arn: string): Execution {
    if (typeof arn !== 'string' || !/^arn:aws[\w-]*:states:[^:]*:\d*:execution:[^:]+:[^:]+$/.test(arn)) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const execution = this.executions.get(arn);
    if (!execution) throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  private journal(execution: Execution): void {
    const dir = this.options.journalDir;
    if (!dir || this.closed) return;
    const { record } = execution;
    const folder = join(dir, encodeURIComponent(record.stateMachineName));
    if (!this.journalFolders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.journalFolders.add(folder);
    }
    const file = join(folder, `${encodeURIComponent(record.name)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 1));
    renameSync(`${file}.tmp`, file); // a crash leaves the previous version, never half a file
  }

  private loadJournal(dir: string): void {
    if (!existsSync(dir)) return;
    for (const folder of readdirSync(dir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(join(dir, folder.name))) {
        if (!file.endsWith('.json')) continue;
        let record: ExecutionRecord;
        try {
          record = JSON.parse(readFileSync(join(dir, folder.name, file), 'utf8')) as ExecutionRecord;
        } catch (error) {
          this.log('unreadable journal file skipped', { file: join(folder.name, file), error: String(error) });
          continue;
        }
        const execution = this.track(record);
        const waiting = record.waiting;
        if (record.status !== 'RUNNING' || !waiting || waiting.state !== record.current?.state) continue;
        // Accept answers for this token at once, even before its state machine is registered again.
        const task = this.newPendingTask(execution, waiting.state, true, waiting);
        execution.tokens.delete(task.token);
        execution.resume = task;
        if (waiting.outcome) {
          task.settled = true;
          this.pending.delete(task.token);
          task.settle(waiting.outcome);
        }
      }
    }
  }

  private log(message: string, details?: Record<string, unknown>): void {
    this.options.log?.(message, details);
  }
}

function withResolvers<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

// ---- definition preparation ----

interface PreparedDefinition {
  runnable: StateMachineDefinition;
  tasks: Map<string, TaskInfo>;
  topLevelStates: Set<string>;
  timeoutSeconds?: number;
}

type StateJson = Record<string, unknown> & { Type: string };
type MachineJson = Record<string, unknown> & { States: Record<string, unknown>; StartAt: string; TimeoutSeconds?: number };

/** The definition as it is run (see the module comment), and what each Task needs to know. */
interface Scales {
  timeScale: number;
  retryTimeScale: number;
  machineName: string;
}

function prepareDefinition(definition: StateMachineDefinition, scales: Scales): PreparedDefinition {
  const tasks = new Map<string, TaskInfo>();
  const rewritten = rewriteExecutionPaths(structuredClone(definition)) as MachineJson;
  const timeoutSeconds = rewritten.TimeoutSeconds;
  delete rewritten.TimeoutSeconds; // timed by LocalStepFunctions, from an absolute deadline that survives restarts
  const runnable = prepareStates(rewritten, tasks, scales) as unknown as StateMachineDefinition;
  return {
    runnable,
    tasks,
    topLevelStates: new Set(Object.keys(definition.States)),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  };
}

function prepareStates(machine: MachineJson, tasks: Map<string, TaskInfo>, scales: Scales): typeof machine {
  const { timeScale, retryTimeScale, machineName } = scales;
  const states: Record<string, unknown> = {};
  refuseUnsupported(machine, `${machineName}`);
  for (const [name, original] of Object.entries(machine.States)) {
    const state = { ...(original as StateJson) };
    refuseUnsupported(state, `${machineName}, state '${name}'`);
    if (state.Type === 'Task') {
      const info = classifyTask(state.Resource, `${machineName}, state '${name}'`);
      if (typeof state.TimeoutSeconds === 'number') info.timeoutSeconds = state.TimeoutSeconds;
      if (typeof state.HeartbeatSeconds === 'number') info.heartbeatSeconds = state.HeartbeatSeconds;
      const wrapper: Record<string, unknown> = {};
      if ('Parameters' in state) wrapper[WRAPPED_PAYLOAD] = state.Parameters;
      else wrapper[`${WRAPPED_PAYLOAD}.$`] = '$';
      if (typeof state.TimeoutSecondsPath === 'string') wrapper[`${WRAPPED_TIMEOUT}.$`] = state.TimeoutSecondsPath;
      if (typeof state.HeartbeatSecondsPath === 'string') wrapper[`${WRAPPED_HEARTBEAT}.$`] = state.HeartbeatSecondsPath;
      delete state.TimeoutSecondsPath;
      delete state.HeartbeatSeconds;
      delete state.HeartbeatSecondsPath;
      state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
      state.Parameters = wrapper;
      tasks.set(name, info);
    }
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') state.Seconds = state.Seconds * timeScale;
    if (Array.isArray(state.Retry) && retryTimeScale !== 1) {
      // aws-local-stepfunctions sleeps these itself (real time); 0 s is taken as is (no wait).
      state.Retry = (state.Retry as Record<string, unknown>[]).map((retrier) => ({
        ...retrier,
        IntervalSeconds: ((retrier.IntervalSeconds as number | undefined) ?? 1) * retryTimeScale,
        ...(typeof retrier.MaxDelaySeconds === 'number' ? { MaxDelaySeconds: retrier.MaxDelaySeconds * retryTimeScale } : {}),
      }));
    }
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches = state.Branches.map((branch) => prepareStates(branch, tasks, scales));
    }
    for (const key of ['Iterator', 'ItemProcessor']) {
      if (state.Type === 'Map' && state[key]) {
        state[key] = prepareStates(state[key] as typeof machine, tasks, scales);
      }
    }
    states[name] = state;
  }
  return { ...machine, States: states };
}

/** aws-local-stepfunctions would silently ignore these (JSONata: output = input); better to refuse them. */
function refuseUnsupported(node: Record<string, unknown>, where: string): void {
  const unsupported =
    node.QueryLanguage === 'JSONata'
      ? 'JSONata'
      : 'Assign' in node
        ? 'variables (Assign)'
        : 'ItemReader' in node || (node.ProcessorConfig as { Mode?: string } | undefined)?.Mode === 'DISTRIBUTED'
          ? 'distributed Map'
          : undefined;
  if (unsupported) throw new Error(`${where}: ${unsupported} is not supported by the local Step Functions service`);
}

function classifyTask(resource: unknown, where: string): TaskInfo {
  const arn = String(resource);
  if (/^arn:aws[\w-]*:states:::lambda:invoke$/.test(arn)) return { kind: 'lambda-invoke' };
  if (/^arn:aws[\w-]*:states:::lambda:invoke\.waitForTaskToken$/.test(arn)) return { kind: 'lambda-callback' };
  const direct = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?$/.exec(arn);
  if (direct) return { kind: 'lambda-arn', functionName: direct[1]! };
  throw new Error(`${where}: resource ${arn} is not supported locally (only Lambda tasks are)`);
}

/** `$$.Execution...` → `$$.LocalExecution...` in every path and every `.$` value. */
function rewriteExecutionPaths(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteExecutionPaths);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      const isPath = key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
      if (isPath && typeof value === 'string') {
        return [key, value.replace(/\$\$\.Execution(?![\w])/g, '$$$$.LocalExecution')];
      }
      return [key, rewriteExecutionPaths(value)];
    }),
  );
}

function unwrapTaskInput(
  wrapped: unknown,
  info: TaskInfo,
  state: string,
): { payload: unknown; timeoutSeconds?: number; heartbeatSeconds?: number } {
  const input = wrapped as Record<string, unknown>;
  const timeoutSeconds = positiveInteger(input[WRAPPED_TIMEOUT], info.timeoutSeconds, 'TimeoutSecondsPath', state);
  const heartbeatSeconds = positiveInteger(input[WRAPPED_HEARTBEAT], info.heartbeatSeconds, 'HeartbeatSecondsPath', state);
  return {
    payload: input[WRAPPED_PAYLOAD],
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
  };
}

function positiveInteger(fromPath: unknown, fixed: number | undefined, field: string, state: string): number | undefined {
  if (fromPath === undefined) return fixed;
  if (typeof fromPath !== 'number' || !Number.isInteger(fromPath) || fromPath < 1) {
    throw runtimeError(`${field} of state '${state}' is not a positive integer: ${JSON.stringify(fromPath)}`);
  }
  return fromPath;
}

// ---- AWS shapes ----

function invokeResult(payload: JsonValue, statusCode: number, at: number): JsonValue {
  const requestId = randomUUID();
  const headers = {
    'Content-Type': 'application/json',
    Date: new Date(at).toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: statusCode,
  };
}

/** A function's error as Step Functions reports it: Error = errorType, Cause = the runtime's error JSON. */
function lambdaFunctionError(error: unknown): Error {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error && error.stack ? error.stack.split('\n') : [];
  return Object.assign(new Error(JSON.stringify({ errorType, errorMessage, trace })), { name: errorType });
}

function failureOf(error: Error | undefined): { error?: string; cause?: string } {
  if (!error) return { error: 'States.Runtime' };
  // A Fail state without Error/Cause: AWS reports neither.
  if (error.name === 'FailStateError') {
    return error.message === 'Execution failed because of a Fail state' ? {} : { cause: error.message };
  }
  if (error.name === 'ExecutionError' && error.cause instanceof Error) return failureOf(error.cause);
  return { ...(error.name ? { error: error.name } : {}), ...(error.message ? { cause: error.message } : {}) };
}

function functionNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw runtimeError('lambda:invoke needs a FunctionName');
  }
  const arn = /:function:([^:]+)/.exec(value);
  if (arn) return arn[1]!;
  return value.split(':')[0]!; // "name" or "name:qualifier"
}

function withToken(node: unknown, placeholder: string, token: string): unknown {
  if (typeof node === 'string') return node.includes(placeholder) ? node.split(placeholder).join(token) : node;
  if (Array.isArray(node)) return node.map((item) => withToken(item, placeholder, token));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withToken(value, placeholder, token)]));
}

function waitingOf(task: PendingTask): WaitingTask {
  const { state, token, deadline, heartbeatMs, heartbeatDeadline, outcome } = task;
  return { state, token, deadline, heartbeatMs, heartbeatDeadline, outcome };
}

function describe(record: ExecutionRecord): ExecutionDescription {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    input: record.input,
    ...(record.output !== undefined ? { output: record.output } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
    startDate: new Date(record.startDate),
    ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
  };
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw runtimeError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

function arnRegion(arn: string): string {
  return arn.split(':')[3]!;
}

function arnAccount(arn: string): string {
  return arn.split(':')[4]!;
}

/** Ends a task whose execution has ended. */
function cancelledTask(): never {
  throw runtimeError('The execution ended while this task was waiting');
}

/** A `States.Runtime` error: as on AWS, it fails the execution, neither retried nor caught. */
function runtimeError(message: string): Error {
  return Object.assign(new Error(message), { name: 'States.Runtime', isRetryable: false, isCatchable: false });
}

/**
 * A `States.Timeout` error of the library's own class: its Retry/Catch matching lets `States.TaskFailed`
 * match any task error except instances of that (unexported) class. Learned once by timing out a
 * 1 ms task on an unvalidated one-state machine.
 */
let timeoutErrorClass: Promise<new () => Error> | undefined;
async function statesTimeoutError(cause?: string): Promise<Error> {
  timeoutErrorClass ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: {
          Probe: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe',
            TimeoutSeconds: 0.001,
            End: true,
          },
        },
      } as StateMachineDefinition,
      { validationOptions: { noValidate: true } },
    );
    try {
      await probe.run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } }).result;
    } catch (error) {
      const found = (error as Error).cause as Error | undefined;
      if (found?.name === 'States.Timeout') return found.constructor as new () => Error;
    }
    return class extends Error {
      constructor() {
        super('States.Timeout');
        this.name = 'States.Timeout';
      }
    };
  })();
  const error = new (await timeoutErrorClass)();
  if (cause) error.message = cause;
  return error;
}
