import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { handlerEntry, personalDataActions, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { declaredPersonalData } from '../../shared/privacy/personal-ids.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The real handlers, loaded from the same entry files the stack bundles, invoked with a Lambda-shaped
 * context. Modules load on first use (a cold start) and stay loaded (warm), as on Lambda.
 *
 * All functions share this one process, and invocations overlap. Each runs inside its own InvokeStore
 * context, as the Lambda runtime does for concurrent invocations (AWS_LAMBDA_MAX_CONCURRENCY), so
 * Powertools keeps each invocation's log keys (function name, request id, caller) apart.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();
  private readonly faults = new Map<string, { remaining: number; errorName: string }>();

  constructor(
    private readonly root: string,
    private readonly declarations: readonly FunctionDeclaration[],
    private readonly region: string,
  ) {}

  declaration(name: string): FunctionDeclaration {
    const declaration = this.declarations.find((d) => d.name === name);
    if (!declaration) throw new Error(`no function named "${name}"`);
    return declaration;
  }

  /**
   * Fault injection for tests: the next `times` invocations of `name` (from any trigger: HTTP, Step
   * Functions, S3, schedules, `invoke`) throw an Error named `errorName` before the handler runs, as a
   * function failing transiently would (the gateway answers 500; a state machine's Retry/Catch sees
   * `errorName`). Replaces what was set for `name` before; `times` 0 clears it.
   */
  failNext(name: string, times: number, errorName = 'TransientFault'): void {
    this.declaration(name);
    if (!Number.isInteger(times) || times < 0) throw new Error(`failNext: times must be a whole number ≥ 0, not ${times}`);
    if (!errorName) throw new Error('failNext: errorName must not be empty');
    if (times === 0) this.faults.delete(name);
    else this.faults.set(name, { remaining: times, errorName });
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    const declaration = this.declaration(name);
    const fault = this.faults.get(name);
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining === 0) this.faults.delete(name);
      const error = new Error(`injected fault: ${name} fails (${fault.remaining} more to come)`);
      error.name = fault.errorName;
      throw error;
    }
    const handler = await this.load(declaration);
    const timeoutMs = (declaration.timeoutSeconds ?? 29) * 1000;
    const deadline = Date.now() + timeoutMs;
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.region}:000000000000:function:${name}`,
      memoryLimitInMB: String(declaration.memoryMb ?? 512),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } satisfies Context;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`Task timed out after ${timeoutMs / 1000} seconds`), { name: 'Sandbox.Timedout' })), timeoutMs);
    });
    const store = await invokeStore();
    try {
      // Each invocation may use resident ID numbers only as its declaration says (the stack's KMS grant).
      const declared = { functionName: name, actions: personalDataActions(declaration) };
      const run = store.run({ [requestIdKey!]: context.awsRequestId }, () => declaredPersonalData.run(declared, () => handler(event, context)));
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(declaration: FunctionDeclaration): Promise<Handler> {
    // Before any handler (and so Powertools) loads: the store's mode is fixed when first created.
    useConcurrentInvocations();
    let handler = this.loaded.get(declaration.name);
    if (!handler) {
      const url = pathToFileURL(join(this.root, handlerEntry(declaration.name))).href;
      handler = import(url).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${handlerEntry(declaration.name)} exports no handler`);
        return module.handler;
      });
      this.loaded.set(declaration.name, handler);
    }
    return handler;
  }
}

/** Multi-context mode is chosen once, from this variable, when the store is first created. */
const useConcurrentInvocations = () => void (process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64');

let store: Promise<InvokeStoreBase> | undefined;
let requestIdKey: symbol | undefined;
function invokeStore(): Promise<InvokeStoreBase> {
  useConcurrentInvocations();
  // Imported only now: the module picks its mode on load, and the variable must be set first.
  return (store ??= import('@aws/lambda-invoke-store').then(({ InvokeStore, InvokeStoreBase }) => {
    requestIdKey = InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID;
    return InvokeStore.getInstanceAsync();
  }));
}
