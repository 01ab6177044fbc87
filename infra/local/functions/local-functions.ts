import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { handlerEntry, type FunctionDeclaration } from '../../../shared/functions/declaration.ts';

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

  async invoke(name: string, event: unknown): Promise<unknown> {
    const declaration = this.declaration(name);
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
      const run = store.run({ [requestIdKey!]: context.awsRequestId }, () => handler(event, context));
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
