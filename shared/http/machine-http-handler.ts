import type { HttpTrigger } from '../lambda/declaration.ts';
import { requireLiveMachineClient } from '../identity/live-machine-client.ts';
import { callerHandler, type HttpInput, type HttpOutput } from './http-handler.ts';

/**
 * The handler stack of a route offered to machines (`machine` in its declaration): `httpHandler`'s, and a machine
 * caller's client read from the register (revoked: 401). Only these functions carry that read, and they hold the
 * credit table grant it needs (test/unit/function-declarations.test.ts).
 */
export function machineHttpHandler<T extends HttpTrigger & { machine: object }>(trigger: T, useCase: (input: HttpInput<T>) => Promise<HttpOutput>) {
  return callerHandler(trigger, useCase, { liveMachineClient: (system) => requireLiveMachineClient(system) });
}
